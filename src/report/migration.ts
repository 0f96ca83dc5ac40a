import type { Result, RunFile } from '../types.ts';
import { targetOf } from './model.ts';

export interface TargetCost {
  target: string;
  tools: string[];
  steps: number;
  /** Lines that differ from the p1 guest's sources and glue (added + removed). */
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

/** Per language and target: what moving p1 → p2 → p3 costs and buys, read from run results. */
export function migrationCost(results: Result[], runs: RunFile[]): Map<string, TargetCost[]> {
  const texts: Record<string, string[]> = Object.assign({}, ...runs.map((r) => r.sources ?? {}));
  const out = new Map<string, TargetCost[]>();
  const languages = [...new Set(results.map((r) => r.language))].sort();
  for (const lang of languages) {
    const mine = results.filter((r) => r.language === lang && r.status !== 'UNSUPPORTED' && r.status !== 'UNAVAILABLE');
    const targets = [...new Set(mine.map(targetOf))].sort();
    const passingCases = (t: string) => new Set(mine.filter((r) => targetOf(r) === t && r.status === 'PASS').map((r) => `${r.suite}/${r.case}`));
    const base = passingCases('p1');
    const rows = targets.map((t): TargetCost => {
      const rs = mine.filter((r) => targetOf(r) === t);
      const built = rs.filter((r) => r.build?.ok);
      const p1Twin = (r: Result) => mine.find((x) => targetOf(x) === 'p1' && x.case === r.case && x.suite === r.suite && x.build?.ok);
      const deltas = built.flatMap((r) => {
        const twin = p1Twin(r);
        const a = twin && linesOf(twin, texts);
        const b = linesOf(r, texts);
        return a && b ? [lineDelta(a, b)] : [];
      });
      const here = passingCases(t);
      return {
        target: t,
        tools: [...new Set(built.flatMap((r) => r.build?.tools ?? []))],
        steps: median(built.map((r) => r.build?.steps.length ?? 0)) ?? 0,
        sourceDelta: t === 'p1' ? 0 : median(deltas),
        flags: [...new Set(rs.filter((r) => r.status === 'PASS').flatMap((r) => r.run?.flags ?? []))],
        artifactBytes: median(built.map((r) => r.build?.artifact?.bytes ?? 0).filter(Boolean)),
        coldStartMs: median(rs.filter((r) => r.case === 'exit-0' && r.status === 'PASS').map((r) => r.durations.runMs)),
        pass: rs.filter((r) => r.status === 'PASS').length,
        measured: rs.length,
        gained: base.size ? [...here].filter((c) => !base.has(c)).sort() : [],
        lost: base.size ? [...base].filter((c) => !here.has(c)).sort() : [],
      };
    });
    out.set(lang, rows);
  }
  return out;
}
