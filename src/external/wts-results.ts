import type { Outcome, Result, RunFile } from '../types.ts';

/** The reference wasi-testsuite runner's result JSON: one entry per suite and runtime column. */
export interface WtsResults {
  execution: { start_timestamp: string; finish_timestamp: string };
  results: {
    name: string;
    runtime: { name: string; version: string };
    duration_s: number;
    passed: number;
    failed: number;
    skipped: number;
    xfailed: number;
    xpassed: number;
    tests: { name: string; executed: boolean; outcome: WtsOutcome; duration_s: number; failures: string[] }[];
  }[];
}

type WtsOutcome = 'pass' | 'fail' | 'skip' | 'xfail' | 'xpass';

/** A runtime or machine that cannot run the target is a skip; any other failure is a fail. */
const OUTCOME: Record<Outcome, WtsOutcome> = { pass: 'pass', unexpected: 'fail', skip: 'skip', xfail: 'xfail', xpass: 'xpass' };

const iso = (t: string) => new Date(t).toISOString();

/**
 * A run's cells in the reference runner's format: the external suites' (by their own names), or with
 * `all` ours too (named by suite id), so dashboards made for wasi-testsuite can read the whole matrix.
 */
export function toWtsResults(run: RunFile, opts: { all?: boolean } = {}): WtsResults {
  const names = new Map((run.provenance.external ?? []).map((e) => [e.suite, e.name]));
  const groups = new Map<string, Result[]>();
  for (const r of run.results) {
    if (!opts.all && !r.suite.startsWith('external:')) continue;
    const k = `${r.suite}\u0000${r.runtimeLabel}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const skippedByChoice = run.provenance.excluded ?? [];
  const results = [...groups.values()].map((rs) => {
    const first = rs[0]!;
    const tests = rs.map((r) => {
      const outcome = OUTCOME[r.outcome];
      return {
        name: r.case,
        executed: outcome !== 'skip',
        outcome,
        duration_s: r.durations.runMs / 1000,
        failures: outcome === 'fail' || outcome === 'xfail' ? [`${r.status}: ${r.reason}`] : [],
      };
    });
    for (const e of skippedByChoice) {
      const [suiteCase, , , runtime] = e.key.split('|');
      if (runtime !== first.runtimeLabel || !suiteCase?.startsWith(`${first.suite}/`)) continue;
      tests.push({ name: suiteCase.slice(first.suite.length + 1), executed: false, outcome: 'skip', duration_s: 0, failures: [] });
    }
    const count = (o: WtsOutcome) => tests.filter((t) => t.outcome === o).length;
    return {
      name: names.get(first.suite) ?? first.suite,
      runtime: { name: first.runtime, version: first.runtimeVersion ?? 'unknown' },
      duration_s: tests.reduce((a, t) => a + t.duration_s, 0),
      passed: count('pass'), failed: count('fail'), skipped: count('skip'), xfailed: count('xfail'), xpassed: count('xpass'),
      tests: tests.sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
  return { execution: { start_timestamp: iso(run.provenance.startedAt), finish_timestamp: iso(run.provenance.finishedAt) }, results };
}
