// npm run bench: the speed and memory figures, measured (never asserted by a test).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchExternal } from '../src/bench-external.ts';
import { benchHistory } from '../src/bench-history.ts';
import { benchPerf, mergePerf, type PerfBench } from '../src/bench-perf.ts';
import { FILTER_HELP, FILTER_OPTIONS, filtersFrom, parseExternal, parseFlags, UsageError } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { PROFILES, type Profile } from '../src/matrix.ts';
import { ROOT } from '../src/paths.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import { renderBreakdown } from '../src/bench-breakdown.ts';
import { readRun } from '../src/results.ts';
import { writeAtomic } from '../src/results.ts';

const BENCH_FILE = join(ROOT, 'reports', 'bench.json');
const previous = () => (existsSync(BENCH_FILE) ? (JSON.parse(readFileSync(BENCH_FILE, 'utf8')) as Record<string, unknown>) : {});
/** Each mode rewrites its own part of bench.json and keeps the others. */
const record = (part: Record<string, unknown>) => writeAtomic(BENCH_FILE, `${JSON.stringify({ ...previous(), ...part }, null, 2)}\n`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

const HELP = `Usage: npm run bench -- [filters | --all] [--profile=default|full] [--repeat=N]
       npm run bench -- --suite=perf [filters] [--budget=SECONDS] [--repeat=N] [--size=NAME]
       npm run bench -- --breakdown=RUN.json
       npm run bench -- --history=NIGHTS
       npm run bench -- --external=wasi-testsuite=PATH --runtime=ID[@VERSION] [--reference=CHECKOUT]

Plans and runs the filtered matrix N times (default 2; the first may build, the rest
must not; without filters the cli suite, with --all every suite) in the profile (default
full: every tool and version matrix.yaml names, as npm run matrix) and reports wall
time, builds, cells per second, the sum of the cells' run times (Σ raw), how close the
run came to the machine's limit (run wall / (Σ raw / cores); 1 = every core busy with
runtime work all along), median run time per runtime, the load average (the machine may
be shared) and the harness's peak memory into reports/bench.json. With --all it also prints
where the time went: seconds by phase (build, precompile/transpile, run, retries, timeouts), by
runtime column, by language and by runtime × language; --breakdown prints that for a run file.
WASI_MATRIX_COLD=1 measures the cold paths (a fresh runtime process per cell) for comparison.

With --history: makes NIGHTS synthetic nights from the largest committed run, stores them
compactly (npm run store), and times npm run report over all of them ("history").

With --external: runs the suites under PATH on one runtime column (wall time, time to the
first result, median served-test time); with --reference, also runs the reference runner of a
WebAssembly/wasi-testsuite checkout on the same suites and runtime binary, and reports the
ratio of wall times and the test-by-test verdict agreement ("external").

With --suite=perf: runs the perf suite (its guests check their own answers), then times every
passing cell with hyperfine beside the same source built natively, plus the runtime's other ways
to start it on the empty main (wasmtime: precompiled, no cache), and peak RSS with GNU time
("perf"). hyperfine's runs per command are sized to --budget=SECONDS per cell (default 5), at
least 2 and at most --repeat=N (default 10). Each runtime runs the kernels at the size its
runtimes/<id>/perf.ts names (the cases' \`sizes:\`; interpreters run smaller), native at the same
size; --size=NAME runs every runtime at one size. The ratios to native are the figures.
reports/claims.md and the site's claims page are rendered from them by npm run report.

${FILTER_HELP}`;

await main('bench', async () => {
  const { values } = parseFlags(process.argv.slice(2), {
    ...FILTER_OPTIONS, repeat: { type: 'string' }, budget: { type: 'string' }, size: { type: 'string' }, history: { type: 'string' }, external: { type: 'string' }, reference: { type: 'string' }, all: { type: 'boolean' }, profile: { type: 'string' }, breakdown: { type: 'string' },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.history) {
    record({ history: await benchHistory(ROOT, Number(values.history)) });
    return 0;
  }
  if (values.external) {
    const [ext] = parseExternal([values.external]);
    const { runtime: runtimes, ...rest } = filtersFrom(values);
    const runtime = runtimes?.[0];
    if (!runtime) throw new UsageError('--external needs --runtime=ID[@VERSION]: the column to time');
    const b = await benchExternal({ root: ROOT, path: ext!.path, runtime, filters: rest, ...(values.reference ? { reference: resolve(values.reference) } : {}) });
    console.log(`external: ${b.cells} cells of ${b.suites.join(', ')} on ${runtime} in ${(b.wallMs / 1000).toFixed(1)} s (plan ${(b.planMs / 1000).toFixed(1)} s, first result after ${(b.firstResultMs / 1000).toFixed(1)} s, served median ${b.servedMedianMs ?? '-'} ms)`);
    if (b.reference) {
      console.log(`reference runner: ${(b.reference.wallMs / 1000).toFixed(1)} s — ours is ${b.reference.ratio}× faster; verdicts agree on ${b.reference.agree}, differ on ${b.reference.disagree.length}`);
      for (const d of b.reference.disagree) console.log(`  ${d.test}: ours ${d.ours}, reference ${d.theirs}`);
    }
    record({ external: { at: new Date().toISOString(), runtime, ...b } });
    return 0;
  }
  if (values.suite?.includes('perf')) {
    const b = await benchPerf({
      root: ROOT, filters: filtersFrom(values), ...(values.repeat ? { runs: Number(values.repeat) } : {}),
      ...(values.budget ? { budgetMs: Number(values.budget) * 1000 } : {}), ...(values.size ? { size: values.size } : {}),
    });
    console.log(`perf: ${b.cells.length} cells timed, ${b.untimed.length} not (did not pass); load average ${b.loadavg.before.join(' ')} → ${b.loadavg.after.join(' ')}`);
    record({ perf: mergePerf(previous().perf as PerfBench | undefined, b) });
    return 0;
  }
  if (values.breakdown) {
    if (!existsSync(values.breakdown)) throw new UsageError(`--breakdown: no file ${values.breakdown}`);
    console.log(renderBreakdown(readRun(values.breakdown)));
    return 0;
  }
  const filters = Object.keys(filtersFrom(values)).length || values.all ? filtersFrom(values) : { suite: ['cli'] };
  const profile = (values.profile ?? 'full') as Profile;
  if (!(PROFILES as readonly string[]).includes(profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, got "${profile}"`);
  const repeat = Number(values.repeat ?? 2);
  const cores = cpus().length;
  const rounds = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    const loadBefore = loadavg()[0]!;
    const plan = await makePlan({ root: ROOT, filters, profile });
    const planMs = performance.now() - t0;
    const s = await runPlan(plan, { recordDir: mkdtempSync(join(tmpdir(), 'bench-')) });
    const wallMs = performance.now() - t0;
    const runWallMs = wallMs - planMs;
    const ran = s.run.results.filter((r) => r.durations.runMs > 0);
    const sumRunMs = ran.reduce((n, r) => n + r.durations.runMs, 0);
    const perRuntime = Object.fromEntries(
      [...new Set(ran.map((r) => r.runtimeLabel))].sort().map((rt) => [rt, median(ran.filter((r) => r.runtimeLabel === rt).map((r) => r.durations.runMs))]),
    );
    rounds.push({
      round: i + 1, cells: s.run.results.length, ran: ran.length, builds: s.builds.built, cached: s.builds.cached,
      planMs: Math.round(planMs), wallMs: Math.round(wallMs), runWallMs: Math.round(runWallMs), sumRunMs,
      wallToRawPerCore: sumRunMs ? +(runWallMs / (sumRunMs / cores)).toFixed(2) : null,
      cellsPerSecond: +(ran.length / (wallMs / 1000)).toFixed(2),
      loadAverage: { before: +loadBefore.toFixed(2), after: +loadavg()[0]!.toFixed(2) },
      medianRunMsByRuntime: perRuntime,
    });
    const r = rounds.at(-1)!;
    if (values.all) console.log(renderBreakdown(s.run));
    console.log(`round ${i + 1}: ${ran.length} cells run in ${(wallMs / 1000).toFixed(1)} s (plan ${(planMs / 1000).toFixed(1)} s), ${s.builds.built} built, ${s.builds.cached} cached; Σ raw ${(sumRunMs / 1000).toFixed(1)} s, wall / (Σ raw / ${cores} cores) = ${r.wallToRawPerCore}; load ${r.loadAverage.before} → ${r.loadAverage.after}`);
  }
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`harness peak RSS: ${peakRssMiB} MiB`);
  console.table(Object.entries(rounds.at(-1)!.medianRunMsByRuntime).map(([runtime, ms]) => ({ runtime, 'median run ms': ms })));
  record({ at: new Date().toISOString(), filters, profile, cold: process.env.WASI_MATRIX_COLD === '1', cores, peakRssMiB, rounds });
  return 0;
});
