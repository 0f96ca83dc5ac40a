import semver from 'semver';
import { NOT_RUN } from '../status.ts';
import type { Result, RunFile } from '../types.ts';
import { isExternal } from './external.ts';
import { targetOf } from './model.ts';
import { splitFlags, type GrantRules } from './switches.ts';

export interface Passing {
  runtime: string;
  pass: number;
  measured: number;
}

export interface TargetCost {
  target: string;
  tools: string[];
  steps: number;
  /** Lines that differ from the base target's guest sources and glue (added + removed). */
  sourceDelta: number | null;
  /** Switches that enable a feature, without run-specific values (ports, scratch paths). */
  switches: string[];
  /** Capability grants the passing cells were given (network, http, a listener): not a migration cost. */
  grants: string[];
  artifactBytes: number | null;
  /** Median run time of cli/exit-0 on the reference runtime, where it passed. */
  coldStartMs: number | null;
  /** Cases passing / measured, per runtime column: pooling columns would depend on what is installed. */
  byRuntime: Passing[];
  /** The same on the reference runtime column; null when it did not measure this target. */
  reference: Passing | null;
  /** Cases passing here and not at the base target (and the reverse), on the reference runtime column. */
  gained: string[] | null;
  lost: string[] | null;
}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};

/** Lines in one multiset of lines and not the other, both ways. */
function lineDelta(a: string[], b: string[]): number {
  const count = new Map<string, number>();
  for (const l of a) count.set(l, (count.get(l) ?? 0) + 1);
  let added = 0;
  for (const l of b) {
    const n = count.get(l) ?? 0;
    if (n > 0) count.set(l, n - 1);
    else added++;
  }
  return added + [...count.values()].reduce((s, n) => s + n, 0);
}

function linesOf(r: Result, texts: Record<string, string[]>): string[] | null {
  const srcs = r.build?.sources;
  if (!srcs?.length) return null;
  const out: string[] = [];
  for (const s of srcs) {
    const t = texts[s.sha256];
    if (!t) return null;
    out.push(...t);
  }
  return out;
}

/**
 * The runtime column counts are read against: the one asked for (an id picks its newest version), or
 * else the newest version of the runtime that measured most of our cells. Named in the tables, so two
 * machines compare alike.
 */
export function referenceColumn(results: Result[], wanted?: string): string | null {
  const ours = results.filter((r) => !isExternal(r) && !NOT_RUN.has(r.status));
  if (wanted && ours.some((r) => r.runtimeLabel === wanted)) return wanted;
  let runtime = wanted;
  if (!runtime) {
    const count = new Map<string, number>();
    for (const r of ours) count.set(r.runtime, (count.get(r.runtime) ?? 0) + 1);
    runtime = [...count].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0]?.[0];
  }
  const newest = ours.filter((r) => r.runtime === runtime).reduce<Result | undefined>((a, r) => (!a || newerVersion(r.runtimeVersion, a.runtimeVersion) ? r : a), undefined);
  return newest?.runtimeLabel ?? null;
}

function newerVersion(a: string | null, b: string | null): boolean {
  const [x, y] = [semver.coerce(a ?? ''), semver.coerce(b ?? '')];
  return x && y ? semver.gt(x, y) : (a ?? '') > (b ?? '');
}

function passing(rs: Result[], runtime: string): Passing {
  const mine = rs.filter((r) => r.runtimeLabel === runtime);
  return { runtime, pass: mine.filter((r) => r.status === 'PASS').length, measured: mine.length };
}

/**
 * Per language and target: what moving p1 → p2 → p3 costs and buys, read from run results.
 * The base is the language's lowest target (p1, or p2 for component-only toolchains). External
 * suites are not a language of ours and are left out.
 */
export function migrationCost(results: Result[], runs: RunFile[], rules: GrantRules, reference: string | null): Map<string, TargetCost[]> {
  const texts: Record<string, string[]> = Object.assign({}, ...runs.map((r) => r.sources ?? {}));
  const out = new Map<string, TargetCost[]>();
  // Snapshot targets (p3@rc-…) are older releases of p3, shown on the grid page, not a migration step.
  const ours = results.filter((r) => !isExternal(r) && !r.target.includes('@'));
  const languages = [...new Set(ours.map((r) => r.language))].sort();
  for (const lang of languages) {
    const mine = ours.filter((r) => r.language === lang && !NOT_RUN.has(r.status));
    const targets = [...new Set(mine.map(targetOf))].sort();
    if (!targets.length) continue;
    const baseTarget = targets[0]!;
    const onReference = (t: string) => mine.filter((r) => targetOf(r) === t && r.runtimeLabel === reference);
    const passingCases = (t: string) => new Set(onReference(t).filter((r) => r.status === 'PASS').map((r) => `${r.suite}/${r.case}`));
    const base = passingCases(baseTarget);
    const baseMeasured = onReference(baseTarget).length > 0;
    const twins = new Map(mine.filter((x) => targetOf(x) === baseTarget && x.build?.ok).map((x) => [`${x.suite}/${x.case}`, x]));
    const rows = targets.map((t): TargetCost => {
      const rs = mine.filter((r) => targetOf(r) === t);
      const built = rs.filter((r) => r.build?.ok);
      const deltas = built.flatMap((r) => {
        const twin = twins.get(`${r.suite}/${r.case}`);
        const a = twin && linesOf(twin, texts);
        const b = linesOf(r, texts);
        return a && b ? [lineDelta(a, b)] : [];
      });
      const split = rs.filter((r) => r.status === 'PASS').map((r) => splitFlags(r, rules));
      const measuredHere = onReference(t).length > 0;
      const here = passingCases(t);
      const compared = t !== baseTarget && measuredHere && baseMeasured;
      return {
        target: t,
        tools: [...new Set(built.flatMap((r) => r.build?.tools ?? []))],
        steps: median(built.map((r) => r.build?.steps.length ?? 0)) ?? 0,
        sourceDelta: t === baseTarget ? 0 : median(deltas),
        switches: [...new Set(split.flatMap((x) => x.switches))].sort(),
        grants: [...new Set(split.flatMap((x) => x.grants.map((g) => g.flag)))].sort(),
        artifactBytes: median(built.map((r) => r.build?.artifact?.bytes ?? 0).filter(Boolean)),
        coldStartMs: median(onReference(t).filter((r) => r.case === 'exit-0' && r.status === 'PASS').map((r) => r.durations.runMs)),
        byRuntime: [...new Set(rs.map((r) => r.runtimeLabel))].sort().map((rt) => passing(rs, rt)),
        reference: measuredHere && reference ? passing(rs, reference) : null,
        gained: t === baseTarget ? [] : compared ? [...here].filter((c) => !base.has(c)).sort() : null,
        lost: t === baseTarget ? [] : compared ? [...base].filter((c) => !here.has(c)).sort() : null,
      };
    });
    out.set(lang, rows);
  }
  return out;
}

export interface SharedSource {
  languages: [string, string];
  /** Per plain target (p1, p2): cases that pass with one toolchain and not the other. */
  onlyIn: { target: string; first: string[]; second: string[] }[];
}

/**
 * Toolchains that build the same guest sources (Go and TinyGo): found from the source paths their
 * builds recorded, so the comparison appears for any such pair without being named anywhere. Cases
 * are compared on the reference runtime column.
 */
export function sharedSources(all: Result[], reference: string | null): SharedSource[] {
  const results = all.filter((r) => !isExternal(r));
  const paths = new Map<string, Set<string>>();
  for (const r of results) for (const s of r.build?.sources ?? []) (paths.get(r.language) ?? paths.set(r.language, new Set()).get(r.language)!).add(s.path);
  const langs = [...paths.keys()].sort();
  const out: SharedSource[] = [];
  for (const [i, a] of langs.entries()) {
    for (const b of langs.slice(i + 1)) {
      if (![...paths.get(a)!].some((p) => paths.get(b)!.has(p))) continue;
      const passing = (lang: string, t: string) =>
        new Set(results.filter((r) => r.language === lang && r.target === t && r.status === 'PASS' && r.runtimeLabel === reference).map((r) => `${r.suite}/${r.case}`));
      const targets = [...new Set(results.filter((r) => r.language === a || r.language === b).map((r) => r.target))].sort();
      out.push({
        languages: [a, b],
        onlyIn: targets.map((t) => {
          const pa = passing(a, t);
          const pb = passing(b, t);
          return { target: t, first: [...pa].filter((c) => !pb.has(c)).sort(), second: [...pb].filter((c) => !pa.has(c)).sort() };
        }),
      });
    }
  }
  return out;
}
