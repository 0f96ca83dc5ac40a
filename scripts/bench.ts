// npm run bench: the speed and memory figures, measured (never asserted by a test).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchExternal } from '../src/bench-external.ts';
import { FILTER_HELP, FILTER_OPTIONS, filtersFrom, parseExternal, parseFlags, UsageError } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { ROOT } from '../src/paths.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import { writeAtomic } from '../src/results.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

await main('bench', async () => {
  const { values } = parseFlags(process.argv.slice(2), { ...FILTER_OPTIONS, repeat: { type: 'string' }, external: { type: 'string' }, reference: { type: 'string' } });
  if (values.help) {
    console.log(`Usage: npm run bench -- [filters] [--repeat=N]
       npm run bench -- --external=wasi-testsuite=PATH --runtime=ID[@VERSION] [--reference=CHECKOUT]

Plans and runs the filtered matrix N times (default 2; the first may build, the rest
must not) and reports wall time, builds, cells per second, the sum of the cells' run times
(Σ raw), how close the run came to the machine's limit (run wall / (Σ raw / cores); 1 = every
core busy with runtime work all along), median run time per runtime, the load average (the
machine may be shared) and the harness's peak memory into reports/bench.json.
WASI_MATRIX_COLD=1 measures the cold paths (a fresh runtime process per cell) for comparison.

With --external: runs the suites under PATH on one runtime column (wall time, time to the
first result, median served-test time); with --reference, also runs the reference runner of a
WebAssembly/wasi-testsuite checkout on the same suites and runtime binary, and reports the
ratio of wall times and the test-by-test verdict agreement.

${FILTER_HELP}`);
    return 0;
  }
  if (values.external) {
    const [ext] = parseExternal([values.external]);
    const runtime = filtersFrom(values).runtime?.[0];
    if (!runtime) throw new UsageError('--external needs --runtime=ID[@VERSION]: the column to time');
    const { runtime: _r, ...rest } = filtersFrom(values);
    const b = await benchExternal({ root: ROOT, path: ext!.path, runtime, filters: rest, ...(values.reference ? { reference: resolve(values.reference) } : {}) });
    console.log(`external: ${b.cells} cells of ${b.suites.join(', ')} on ${runtime} in ${(b.wallMs / 1000).toFixed(1)} s (plan ${(b.planMs / 1000).toFixed(1)} s, first result after ${(b.firstResultMs / 1000).toFixed(1)} s, served median ${b.servedMedianMs ?? '-'} ms)`);
    if (b.reference) {
      console.log(`reference runner: ${(b.reference.wallMs / 1000).toFixed(1)} s — we are ${b.reference.ratio}× faster; verdicts agree on ${b.reference.agree}, differ on ${b.reference.disagree.length}`);
      for (const d of b.reference.disagree) console.log(`  ${d.test}: ours ${d.ours}, reference ${d.theirs}`);
    }
    const file = join(ROOT, 'reports', 'bench.json');
    const prev = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    writeAtomic(file, `${JSON.stringify({ ...prev, external: { at: new Date().toISOString(), runtime, ...b } }, null, 2)}\n`);
    return 0;
  }
  const filters = Object.keys(filtersFrom(values)).length ? filtersFrom(values) : { suite: ['cli'] };
  const repeat = Number(values.repeat ?? 2);
  const cores = cpus().length;
  const rounds = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    const loadBefore = loadavg()[0]!;
    const plan = await makePlan({ root: ROOT, filters });
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
    console.log(`round ${i + 1}: ${ran.length} cells run in ${(wallMs / 1000).toFixed(1)} s (plan ${(planMs / 1000).toFixed(1)} s), ${s.builds.built} built, ${s.builds.cached} cached; Σ raw ${(sumRunMs / 1000).toFixed(1)} s, wall / (Σ raw / ${cores} cores) = ${r.wallToRawPerCore}; load ${r.loadAverage.before} → ${r.loadAverage.after}`);
  }
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  const report = { at: new Date().toISOString(), filters, cold: process.env.WASI_MATRIX_COLD === '1', cores, peakRssMiB, rounds };
  console.log(`harness peak RSS: ${peakRssMiB} MiB`);
  console.table(Object.entries(rounds.at(-1)!.medianRunMsByRuntime).map(([runtime, ms]) => ({ runtime, 'median run ms': ms })));
  const file = join(ROOT, 'reports', 'bench.json');
  const prev = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeAtomic(file, `${JSON.stringify({ ...report, ...(prev.external ? { external: prev.external } : {}) }, null, 2)}\n`);
  return 0;
});
