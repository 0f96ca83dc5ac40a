import type { Expectation, Outcome, Result, RunFile } from '../types.ts';
import type { Status } from '../status.ts';

/**
 * What the site publishes: one run, its cells judged against HEAD. A run is a publication when it
 * measured everything: the full profile, no filter, no shard.
 */
export function isPublication(run: RunFile): boolean {
  const p = run.provenance;
  return p.profile === 'full' && !p.shard && Object.values(p.filters ?? {}).every((v) => !v?.length) && !p.external?.length;
}

/** The newest publication among runs (oldest first), if any. */
export function newestPublication(runs: RunFile[]): RunFile | undefined {
  return runs.filter(isPublication).at(-1);
}

export interface Freshness {
  runId: string;
  gitSha: string | null;
  gitDirty: boolean;
  profile: string;
  startedAt: string;
  finishedAt: string;
  cells: number;
  /** Cells drawn as "stale, re-run": their inputs no longer match the tree the report was made from. */
  stale: number;
  /** Stale cells by reason. */
  why: Record<string, number>;
  /** Cells whose status the report's rules changed, by rule. */
  ruled: Record<string, number>;
  /** PASS cells one of whose negative controls passed a check it was to fail; null: the run recorded no control. */
  unproven: number | null;
}

/** The checks of a result that a negative control showed cannot fail (they prove nothing). */
export function unprovenChecks(r: Result): string[] {
  return [...new Set((r.controls ?? []).flatMap((c) => c.unproven ?? []))];
}

export interface Judge {
  /** Why a result no longer describes the tree (empty: it does). */
  stale(r: Result): string[];
  /** The expectation that applies to the result now. */
  expectation(r: Result): Expectation | undefined;
  /** The outcome of a status against an expectation (the one overlay the runner uses). */
  overlay(status: Status, e: Expectation | undefined): Outcome;
}

const RULE = {
  stale: 'stale, re-run',
  notInstalled: 'UNSUPPORTED from a run without the tool → UNAVAILABLE',
  noChecks: 'PASS with 0 checks → not a PASS',
  goneExpectation: 'xfail whose expectation entry no longer exists → unexpected',
} as const;

/**
 * The report's status rules, applied to one run's results. Pure: the judge brings HEAD's facts.
 * - A stale cell is drawn as UNAVAILABLE "stale, re-run: why", never as a verdict.
 * - A cell from a run in which the tool it blames was not installed is never UNSUPPORTED.
 * - A PASS with no check at all proves nothing: it is drawn as stale (its case now requires checks).
 * - The outcome is overlaid on today's expectations: an xfail whose entry is gone is unexpected.
 */
export function judgeRun(run: RunFile, judge: Judge): { results: Result[]; freshness: Freshness } {
  const missing = new Map(run.provenance.tools.filter((t) => t.version === null).map((t) => [t.id, t.reason ?? 'not installed']));
  const why: Record<string, number> = {};
  const ruled: Record<string, number> = {};
  const count = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  const results = run.results.map((r): Result => {
    const staleWhy = judge.stale(r);
    if (r.status === 'PASS' && r.checks.total === 0) staleWhy.push('a PASS with 0 checks, older than its case\'s checks');
    if (staleWhy.length) {
      for (const w of staleWhy) count(why, w.replace(/ \(.*\)$/, ''));
      const { expectation: _e, ...rest } = r;
      return { ...rest, status: 'UNAVAILABLE', reasonKind: 'stale', reason: `${RULE.stale}: ${staleWhy.join('; ')} (was ${r.status})`, outcome: 'skip' };
    }
    let out = r;
    // The claim is the missing tool's when its toolchain is missing (a toolchain's limits are asked first),
    // or when it names the missing runtime; an installed toolchain that cannot emit the target stays UNSUPPORTED.
    const rt = missing.get(r.runtimeLabel);
    const tool = missing.get(r.language) ?? (rt !== undefined && r.reason.startsWith(`${r.runtimeLabel}:`) ? rt : undefined);
    if (r.status === 'UNSUPPORTED' && tool !== undefined) {
      count(ruled, RULE.notInstalled);
      out = { ...out, status: 'UNAVAILABLE', reasonKind: 'not-installed', reason: `not installed when run ${run.provenance.runId} was made: ${tool}` };
    }
    const expectation = judge.expectation(out);
    const outcome = judge.overlay(out.status, expectation);
    if (r.outcome === 'xfail' && outcome === 'unexpected' && !expectation) count(ruled, RULE.goneExpectation);
    const { expectation: _old, ...rest } = out;
    return { ...rest, ...(expectation ? { expectation } : {}), outcome };
  });
  const p = run.provenance;
  return {
    results,
    freshness: {
      runId: p.runId, gitSha: p.gitSha, gitDirty: p.gitDirty, profile: p.profile ?? 'unknown', startedAt: p.startedAt, finishedAt: p.finishedAt,
      cells: results.length, stale: results.filter((r) => r.reasonKind === 'stale').length, why, ruled,
      unproven: results.some((r) => r.controls?.length) ? results.filter((r) => r.status === 'PASS' && unprovenChecks(r).length).length : null,
    },
  };
}

/** One sentence every page carries: which run it shows, and how much of it is stale. */
export function freshnessLine(f: Freshness): string {
  const wall = Math.round((Date.parse(f.finishedAt) - Date.parse(f.startedAt)) / 1000);
  const tree = f.gitDirty ? 'dirty tree' : 'clean tree';
  const stale = f.stale
    ? `${f.stale} stale cell(s), drawn as "stale, re-run": ${Object.entries(f.why).map(([w, n]) => `${w} ×${n}`).join('; ')}`
    : '0 stale cells';
  const controls = f.unproven === null ? 'negative controls not recorded' : `${f.unproven} PASS cell(s) with a check its negative control did not fail (unproven)`;
  return `From run ${f.runId} (commit ${f.gitSha?.slice(0, 10) ?? '—'}, ${tree}, profile ${f.profile}, ${f.cells} cells, ${wall} s); ${stale}; ${controls}.`;
}
