import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import type { Filters } from './filters.ts';
import { makePlan, runPlan } from './runner.ts';
import { loadWasiTestsuite } from './external/wasi-testsuite.ts';
import { toWtsResults, type WtsResults } from './external/wts-results.ts';

export interface ExternalBench {
  suites: string[];
  cells: number;
  wallMs: number;
  planMs: number;
  /** From the start of the command to the first recorded result. */
  firstResultMs: number;
  /** Median wall time of a served (wasi:http/service) test, when there are any. */
  servedMedianMs: number | null;
  verdicts: Record<string, 'pass' | 'fail' | 'skip'>;
  reference?: { wallMs: number; ratio: number; agree: number; disagree: { test: string; ours: string; theirs: string }[]; command: string[] };
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]! : null);
const verdict = (o: string): 'pass' | 'fail' | 'skip' => (o === 'pass' || o === 'xpass' ? 'pass' : o === 'skip' ? 'skip' : 'fail');

/** `suite-name/test` → pass/fail/skip, from either generation of the reference runner's JSON. */
function referenceVerdicts(json: unknown): Record<string, 'pass' | 'fail' | 'skip'> {
  const out: Record<string, 'pass' | 'fail' | 'skip'> = {};
  const doc = json as { results?: { name: string; tests: { name: string; executed?: boolean; outcome?: string; failures?: unknown[] }[] }[] };
  for (const s of doc.results ?? []) {
    for (const t of s.tests) {
      out[`${s.name}/${t.name}`] = t.outcome ? verdict(t.outcome) : t.executed === false ? 'skip' : t.failures?.length ? 'fail' : 'pass';
    }
  }
  return out;
}

/**
 * Runs external suites on one runtime column and, given a checkout of the reference runner, the
 * same suites with it in the same invocation: wall times, their ratio, and test-by-test agreement.
 */
export async function benchExternal(opts: {
  root: string;
  path: string;
  runtime: string;
  filters: Filters;
  reference?: string;
}): Promise<ExternalBench> {
  const t0 = performance.now();
  // The external suites only: none of ours is planned.
  const suite = loadWasiTestsuite(opts.path).suites.flatMap((x) => x.cases.slice(0, 1).map((k) => k.suite));
  const plan = await makePlan({ root: opts.root, filters: { ...opts.filters, suite, runtime: [opts.runtime] }, external: [{ format: 'wasi-testsuite', path: opts.path }] });
  const planMs = performance.now() - t0;
  let firstResultMs = 0;
  const s = await runPlan(plan, {
    recordDir: mkdtempSync(join(tmpdir(), 'bench-external-')),
    onResult: () => {
      firstResultMs ||= performance.now() - t0;
    },
  });
  const wallMs = performance.now() - t0;
  const wts: WtsResults = toWtsResults(s.run);
  const verdicts = referenceVerdicts(wts);
  const served = s.run.results.filter((r) => r.run?.argv.includes('serve')).map((r) => r.durations.runMs);
  const out: ExternalBench = {
    suites: plan.external.map((e) => e.name), cells: s.run.results.length, wallMs: Math.round(wallMs), planMs: Math.round(planMs),
    firstResultMs: Math.round(firstResultMs), servedMedianMs: median(served), verdicts,
  };
  if (!opts.reference) return out;

  // The reference runner, on the same suites, with the binary of the same runtime column.
  const runtime = plan.runtimes.get([...plan.runtimes.keys()].find((k) => k === opts.runtime || k.startsWith(`${opts.runtime}@`) || k.startsWith(`${opts.runtime}.`)) ?? '');
  const binary = runtime?.located.binary;
  if (!binary) throw new Error(`no installed binary for ${opts.runtime} to give the reference runner`);
  const runner = join(opts.reference, 'test-runner', 'wasi_test_runner.py');
  const adapter = join(opts.reference, 'adapters', `${runtime.instance.id}.py`);
  if (!existsSync(runner) || !existsSync(adapter)) throw new Error(`${opts.reference}: no test-runner/wasi_test_runner.py or adapters/${runtime.instance.id}.py`);
  const json = join(mkdtempSync(join(tmpdir(), 'reference-')), 'results.json');
  const command = ['python3', runner, '-t', ...plan.external.map((e) => e.dir), '-r', adapter, '--json-output-location', json];
  const r0 = performance.now();
  await execa(command[0]!, command.slice(1), {
    reject: false, cwd: opts.reference,
    env: { PATH: `${dirname(binary)}:${process.env.PATH ?? ''}`, TEST_RUNTIME_EXE: binary, [runtime.instance.id.toUpperCase()]: binary },
  });
  const refMs = performance.now() - r0;
  const theirs = existsSync(json) ? referenceVerdicts(JSON.parse(readFileSync(json, 'utf8'))) : {};
  const disagree = Object.keys(verdicts)
    .filter((k) => theirs[k] !== undefined && theirs[k] !== verdicts[k])
    .map((k) => ({ test: k, ours: verdicts[k]!, theirs: theirs[k]! }));
  const compared = Object.keys(verdicts).filter((k) => theirs[k] !== undefined).length;
  out.reference = { wallMs: Math.round(refMs), ratio: +(refMs / wallMs).toFixed(2), agree: compared - disagree.length, disagree, command };
  return out;
}
