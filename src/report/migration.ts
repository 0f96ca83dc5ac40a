import type { Result, RunFile } from '../types.ts';
import { targetOf } from './model.ts';

export interface TargetCost {
  target: string;
  tools: string[];
  steps: number;
  /** Lines that differ from the base target's guest sources and glue (added + removed). */
  sourceDelta: number | null;
  flags: string[];
  artifactBytes: number | null;
  /** Median run time of cli/exit-0 over the runtime columns where it passed. */
  coldStartMs: number | null;
  pass: number;
  measured: number;
  gained: string[];
  lost: string[];
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
 * Per language and target: what moving p1 → p2 → p3 costs and buys, read from run results.
 * The base is the language's lowest target (p1, or p2 for component-only toolchains).
 */
export function migrationCost(results: Result[], runs: RunFile[]): Map<string, TargetCost[]> {
  const texts: Record<string, string[]> = Object.assign({}, ...runs.map((r) => r.sources ?? {}));
  const out = new Map<string, TargetCost[]>();
  const languages = [...new Set(results.map((r) => r.language))].sort();
  for (const lang of languages) {
    const mine = results.filter((r) => r.language === lang && r.status !== 'UNSUPPORTED' && r.status !== 'UNAVAILABLE');
    const targets = [...new Set(mine.map(targetOf))].sort();
    if (!targets.length) continue;
    const baseTarget = targets[0]!;
    const passingCases = (t: string) => new Set(mine.filter((r) => targetOf(r) === t && r.status === 'PASS').map((r) => `${r.suite}/${r.case}`));
    const base = passingCases(baseTarget);
    const rows = targets.map((t): TargetCost => {
      const rs = mine.filter((r) => targetOf(r) === t);
      const built = rs.filter((r) => r.build?.ok);
      const baseTwin = (r: Result) => mine.find((x) => targetOf(x) === baseTarget && x.case === r.case && x.suite === r.suite && x.build?.ok);
      const deltas = built.flatMap((r) => {
        const twin = baseTwin(r);
        const a = twin && linesOf(twin, texts);
        const b = linesOf(r, texts);
        return a && b ? [lineDelta(a, b)] : [];
      });
      const here = passingCases(t);
      return {
        target: t,
        tools: [...new Set(built.flatMap((r) => r.build?.tools ?? []))],
        steps: median(built.map((r) => r.build?.steps.length ?? 0)) ?? 0,
        sourceDelta: t === baseTarget ? 0 : median(deltas),
        flags: [...new Set(rs.filter((r) => r.status === 'PASS').flatMap((r) => r.run?.flags ?? []))],
        artifactBytes: median(built.map((r) => r.build?.artifact?.bytes ?? 0).filter(Boolean)),
        coldStartMs: median(rs.filter((r) => r.case === 'exit-0' && r.status === 'PASS').map((r) => r.durations.runMs)),
        pass: rs.filter((r) => r.status === 'PASS').length,
        measured: rs.length,
        gained: t === baseTarget ? [] : [...here].filter((c) => !base.has(c)).sort(),
        lost: t === baseTarget ? [] : [...base].filter((c) => !here.has(c)).sort(),
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
 * builds recorded, so the comparison appears for any such pair without being named anywhere.
 */
export function sharedSources(results: Result[]): SharedSource[] {
  const paths = new Map<string, Set<string>>();
  for (const r of results) for (const s of r.build?.sources ?? []) (paths.get(r.language) ?? paths.set(r.language, new Set()).get(r.language)!).add(s.path);
  const langs = [...paths.keys()].sort();
  const out: SharedSource[] = [];
  for (const [i, a] of langs.entries()) {
    for (const b of langs.slice(i + 1)) {
      if (![...paths.get(a)!].some((p) => paths.get(b)!.has(p))) continue;
      const passing = (lang: string, t: string) =>
        new Set(results.filter((r) => r.language === lang && r.target === t && r.status === 'PASS').map((r) => `${r.suite}/${r.case}`));
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
