import { loadCases, loadFeatures } from './cases.ts';
import { featureMatches } from './filters.ts';
import type { Matrix } from './matrix.ts';
import { loadToolchain } from './plugins.ts';
import type { CaseSpec, TargetId, Toolchain } from './types.ts';
import { baseTarget } from './plan.ts';

/**
 * The features people choose a stack by: every language × target should either have a guest for
 * them or say, upstream, why it cannot.
 */
export const HEADLINE = [
  'sockets.tcp-client', 'sockets.tcp-server', 'sockets.udp', 'http.outgoing', 'http.incoming',
  'async.concurrency', 'threads.language', 'gc.language',
] as const;

/** One feature × language × target: a guest exists, the language cannot (why), or nobody wrote it yet. */
export type CoverageEntry =
  | { state: 'guest'; guests: string[] }
  | { state: 'cannot'; reason: string }
  /** The language can, upstream, but this machine's copy of its toolchain cannot (matrix.yaml `unavailable:`). */
  | { state: 'not-here'; reason: string }
  /** A route exists and nobody wrote the guest for it (matrix.yaml `notWritten:`, naming the route): work, not a limit. */
  | { state: 'not-written'; route: string }
  | { state: 'missing'; guests: string[] }
  /** No case of the feature runs on this target. */
  | { state: 'no-case' };

export interface CoverageGrid {
  features: string[];
  languages: string[];
  targets: TargetId[];
  /** entries[feature][language][target] */
  entries: Record<string, Record<string, Record<TargetId, CoverageEntry>>>;
}

/** What one language has for one feature on one target, from its guest sources and declared limits. */
async function entryFor(
  feature: string,
  cases: CaseSpec[],
  target: TargetId,
  toolchain: Toolchain,
  cannot: Record<string, string>,
  unavailable: Record<string, string>,
  notWritten: Record<string, { targets: string[]; route: string }>,
): Promise<CoverageEntry> {
  const here = cases.filter((k) => k.features.includes(feature) && (k.targets ?? [target]).includes(target));
  if (!here.length) return { state: 'no-case' };
  const route = Object.entries(notWritten).find(([tag]) => featureMatches(tag, [feature]))?.[1];
  if (route && route.targets.some((x) => x.split('+')[0] === target)) return { state: 'not-written', route: route.route };
  const why = Object.entries(cannot).find(([tag]) => featureMatches(tag, [feature]))?.[1];
  if (why) return { state: 'cannot', reason: why };
  const local = Object.entries(unavailable).find(([tag]) => featureMatches(tag, [feature]))?.[1];
  if (local) return { state: 'not-here', reason: local };
  const emit = toolchain.targets[target];
  if (!emit?.ok) return emit?.local ? { state: 'not-here', reason: emit.reason } : { state: 'cannot', reason: emit?.reason ?? `no recipe for ${target}` };
  const guests = [...new Set(here.map((k) => k.guest))];
  const have: string[] = [];
  for (const g of guests) if ((await toolchain.sources(g, target)).length) have.push(g);
  return have.length ? { state: 'guest', guests: have } : { state: 'missing', guests };
}

/** The grid, generated from the repository: cases × languages' guest sources × targets × `cannot:`. */
export async function coverage(root: string, matrix: Matrix, features: readonly string[] = HEADLINE): Promise<CoverageGrid> {
  // A snapshot target (p3@rc-…) is a version sweep of its base target, not another route to cover.
  const targets = Object.keys(matrix.targets).filter((t) => baseTarget(t) === t);
  const known = loadFeatures(root);
  const unknown = features.filter((f) => !(f in known));
  if (unknown.length) throw new Error(`not in suites/features.yaml: ${unknown.join(', ')}`);
  const cases = loadCases(root, matrix.suites, new Set(targets));
  const grid: CoverageGrid = { features: [...features], languages: matrix.toolchains.map((t) => t.language), targets, entries: {} };
  for (const t of matrix.toolchains) {
    const toolchain = await loadToolchain(root, t.language);
    for (const feature of features) {
      const row = ((grid.entries[feature] ??= {})[t.language] ??= {});
      for (const target of targets) row[target] = await entryFor(feature, cases, target, toolchain, t.cannot, t.unavailable, t.notWritten);
    }
  }
  return grid;
}

/** Every entry still `missing`: the acceptance wants none for the headline features. */
export function missingEntries(grid: CoverageGrid): { feature: string; language: string; target: TargetId; guests: string[] }[] {
  const out: { feature: string; language: string; target: TargetId; guests: string[] }[] = [];
  for (const feature of grid.features) {
    for (const language of grid.languages) {
      for (const target of grid.targets) {
        const e = grid.entries[feature]?.[language]?.[target];
        if (e?.state === 'missing') out.push({ feature, language, target, guests: e.guests });
      }
    }
  }
  return out;
}
