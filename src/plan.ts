import type { Exclusion } from './matrix.ts';
import { acceptsCell, runtimeMatches, type Filters } from './filters.ts';
import type { CaseSpec, Cell, Detection, ReasonKind, RuntimeInstance, Support, TargetId } from './types.ts';

export interface PlanInput {
  cases: CaseSpec[];
  targets: TargetId[];
  /** Targets measured on some languages or cases only (a WASI snapshot that few toolchain versions emit). */
  scope?: Record<TargetId, { languages?: string[]; cases?: string[] }>;
  /** language → the guests it implements (by guest name) and its routes per target. */
  languages: Record<string, { guests: Set<string>; variants?: Record<TargetId, string[]> }>;
  instances: RuntimeInstance[];
  filters: Filters;
  exclude: Exclusion[];
}

export interface Expansion {
  cells: Cell[];
  excluded: { cell: Cell; reason: string }[];
}

/** A snapshot target (`p3@rc-2026-01-06`) is its base target (`p3`) to toolchains and runtimes that declare targets. */
export const baseTarget = (target: TargetId): TargetId => target.split('@')[0]!;

/** `p2` for the native route, `p2+adapter` for another. */
export function targetLabel(target: TargetId, variant: string): string {
  return variant === 'native' ? target : `${target}+${variant}`;
}

export function cellKey(c: Omit<Cell, 'key' | 'features' | 'runtime'>): string {
  return `${c.suite}/${c.case}|${c.language}|${targetLabel(c.target, c.variant)}|${c.runtimeLabel}`;
}

function excludedBy(ex: Exclusion, c: Cell): boolean {
  return (
    (ex.suite === undefined || ex.suite === c.suite) &&
    (ex.case === undefined || ex.case === c.case || ex.case === `${c.suite}/${c.case}`) &&
    (ex.language === undefined || ex.language === c.language) &&
    (ex.target === undefined || ex.target === c.target || ex.target === targetLabel(c.target, c.variant)) &&
    (ex.runtime === undefined || ex.runtime === c.runtime || runtimeMatches(ex.runtime, c.runtime, c.runtimeLabel))
  );
}

/** case × language (that has the guest) × target (the case applies to) × runtime column, filtered. */
export function expand(input: PlanInput): Expansion {
  const out: Expansion = { cells: [], excluded: [] };
  for (const k of input.cases) {
    const applies = (t: TargetId) => {
      const scope = input.scope?.[t];
      if (scope?.cases && !scope.cases.includes(`${k.suite}/${k.id}`)) return false;
      return !k.targets || k.targets.includes(t) || (t !== baseTarget(t) && k.targets.includes(baseTarget(t)));
    };
    const targets = input.targets.filter(applies);
    // A prebuilt (external) case is its own guest, in its suite's language only.
    const languages = k.prebuilt ? { [k.prebuilt.language]: { guests: new Set([k.guest]) } } : input.languages;
    for (const [language, lang] of Object.entries(languages)) {
      if (!lang.guests.has(k.guest)) continue;
      for (const target of targets) {
        if (input.scope?.[target]?.languages && !input.scope[target]!.languages!.includes(language)) continue;
        for (const variant of ('variants' in lang ? lang.variants?.[target] : undefined) ?? ['native']) {
          for (const rt of input.instances) {
            const base = { suite: k.suite, case: k.id, language, target, variant, runtimeLabel: rt.label };
            const cell: Cell = { ...base, key: cellKey(base), runtime: rt.id, features: k.features };
            if (!acceptsCell(input.filters, cell)) continue;
            const ex = input.exclude.find((e) => excludedBy(e, cell));
            if (ex) out.excluded.push({ cell, reason: ex.reason });
            else out.cells.push(cell);
          }
        }
      }
    }
  }
  return out;
}

export type Gate = { status: 'UNSUPPORTED' | 'UNAVAILABLE'; reason: string; kind: ReasonKind } | null;

export interface GateInput {
  toolchainTargets: Record<TargetId, Support>;
  toolchain: Detection;
  runtimeTargets: Record<TargetId, Support>;
  runtime: Detection;
  language: string;
  runtimeLabel: string;
  target: TargetId;
  /** Why the language cannot express the case's feature (upstream, or `local`ly: this machine's copy), when it cannot. */
  cannot?: { reason: string; local?: boolean; notWritten?: boolean };
  /** The case is served (wasi:http), and whether this runtime has a server mode. */
  serve?: { needed: boolean; available: boolean; only?: string };
  /** Why this runtime version cannot grant a capability the case needs, when it cannot. */
  cannotGrant?: string;
}

const cannot = (reason: string): Gate => ({ status: 'UNSUPPORTED', reason, kind: 'cannot' });
const notHere = (reason: string, kind: 'not-installed' | 'local-limit' | 'not-written'): Gate => ({ status: 'UNAVAILABLE', reason, kind });

/** A declared limit: upstream ("cannot") or this machine's ("local-limit"). */
const limitOf = (s: Support, who: string): Gate => (s.ok ? null : s.local ? notHere(`${who}: ${s.reason}`, 'local-limit') : cannot(`${who}: ${s.reason}`));

/**
 * Why a cell cannot run here, if it cannot. A tool that is not installed is never asked what it
 * cannot do (that would be a claim we did not measure); the toolchain's limits come before the runtime's.
 */
export function gate(g: GateInput): Gate {
  if (!g.toolchain.available) return notHere(`${g.language} toolchain: ${g.toolchain.reason}`, 'not-installed');
  // A target the toolchain cannot emit at all says so first: a feature's reason speaks of the targets it has.
  const emit = limitOf(g.toolchainTargets[g.target] ?? g.toolchainTargets[baseTarget(g.target)] ?? { ok: false, reason: `the ${g.language} toolchain has no recipe for ${g.target}` }, g.language);
  if (emit) return emit;
  if (g.cannot?.notWritten) return notHere(`${g.language}: ${g.cannot.reason}`, 'not-written');
  if (g.cannot) return limitOf({ ok: false, ...g.cannot }, g.language);
  if (!g.runtime.available) return notHere(`${g.runtimeLabel}: ${g.runtime.reason}`, 'not-installed');
  const load = limitOf(g.runtimeTargets[g.target] ?? g.runtimeTargets[baseTarget(g.target)] ?? { ok: false, reason: `cannot load ${g.target}` }, g.runtimeLabel);
  if (load) return load;
  if (g.serve?.only && !g.serve.needed) return cannot(`${g.runtimeLabel}: ${g.serve.only}`);
  if (g.serve?.needed && !g.serve.available) return cannot(`${g.runtimeLabel}: has no server mode for wasi:http handlers`);
  if (g.cannotGrant) return cannot(`${g.runtimeLabel}: ${g.cannotGrant}`);
  return null;
}
