// npm run bench: the speed and memory figures, measured (never asserted by a test).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { FILTER_HELP, FILTER_OPTIONS, filtersFrom, parseFlags } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { ROOT } from '../src/paths.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import { readRun, writeAtomic } from '../src/results.ts';
import { storeRun } from '../src/store/compact.ts';
import { syntheticNights } from '../src/store/synthetic.ts';

const BENCH_FILE = join(ROOT, 'reports', 'bench.json');
const previous = () => (existsSync(BENCH_FILE) ? (JSON.parse(readFileSync(BENCH_FILE, 'utf8')) as Record<string, unknown>) : {});

/**
 * History at scale: N synthetic nights made from the largest committed run, stored compactly, then
 * `npm run report` over all of them, timed as a user runs it.
 */
async function benchHistory(nights: number) {
  const runsDir = join(ROOT, 'reports', 'runs');
  const largest = readdirSync(runsDir).filter((f) => f.endsWith('.json')).map((f) => join(runsDir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!largest) throw new Error('no run files in reports/runs to make history from');
  const base = readRun(largest);
  const store = mkdtempSync(join(tmpdir(), 'history-'));
  const t0 = performance.now();
  let bytes = 0;
  for (const night of syntheticNights(base, nights)) bytes += storeRun(store, night).newBytes;
  const storeMs = performance.now() - t0;
  console.log(`history: ${nights} nights of ${base.results.length} cells (from ${largest}) stored in ${(storeMs / 1000).toFixed(1)} s: ${(bytes / 1048576).toFixed(1)} MiB, ${(bytes / nights / 1024).toFixed(0)} KiB per night`);
  const out = mkdtempSync(join(tmpdir(), 'history-report-'));
  const t1 = performance.now();
  const r = await execa('/usr/bin/time', ['-f', '%M %U %S', 'npx', 'tsx', join(ROOT, 'scripts', 'report.ts'), `--runs=${store}`, `--out=${out}`], { cwd: ROOT, all: true });
  const reportMs = performance.now() - t1;
  for (const d of [store, out]) rmSync(d, { recursive: true, force: true });
  const [peakKiB, user, sys] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
  const cpuSeconds = +(user + sys).toFixed(1);
  console.log(`history: npm run report over ${nights} nights: ${(reportMs / 1000).toFixed(1)} s wall, ${cpuSeconds} s CPU, peak RSS ${Math.round(peakKiB / 1024)} MiB (${r.stdout.trim().split('\n').at(-1)})`);
  return {
    at: new Date().toISOString(), nights, cellsPerNight: base.results.length, from: largest, cores: (await import('node:os')).cpus().length,
    storedMiB: +(bytes / 1048576).toFixed(2), kibPerNight: Math.round(bytes / nights / 1024), reportSeconds: +(reportMs / 1000).toFixed(1), reportCpuSeconds: cpuSeconds, loadAverage: (await import('node:os')).loadavg()[0], reportPeakRssMiB: Math.round(peakKiB / 1024),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

await main('bench', async () => {
  const { values } = parseFlags(process.argv.slice(2), { ...FILTER_OPTIONS, repeat: { type: 'string' }, history: { type: 'string' } });
  if (values.help) {
    console.log(`Usage: npm run bench -- [filters] [--repeat=N]\n       npm run bench -- --history=NIGHTS\n\nPlans and runs the filtered matrix N times (default 2; the first may build, the rest\nmust not) and reports wall time, builds, cells per second, median run time per runtime\nand the harness's peak memory into reports/bench.json.\n\nWith --history: makes NIGHTS synthetic nights from the largest committed run, stores them\ncompactly (npm run store), and times npm run report over all of them (reports/bench.json, "history").\n\n${FILTER_HELP}`);
    return 0;
  }
  if (values.history) {
    const history = await benchHistory(Number(values.history));
    writeAtomic(BENCH_FILE, `${JSON.stringify({ ...previous(), history }, null, 2)}\n`);
    return 0;
  }
  const filters = Object.keys(filtersFrom(values)).length ? filtersFrom(values) : { suite: ['cli'] };
  const repeat = Number(values.repeat ?? 2);
  const rounds = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    const plan = await makePlan({ root: ROOT, filters });
    const planMs = performance.now() - t0;
    const s = await runPlan(plan, { recordDir: mkdtempSync(join(tmpdir(), 'bench-')) });
    const wallMs = performance.now() - t0;
    const ran = s.run.results.filter((r) => r.durations.runMs > 0);
    const perRuntime = Object.fromEntries(
      [...new Set(ran.map((r) => r.runtimeLabel))].sort().map((rt) => [rt, median(ran.filter((r) => r.runtimeLabel === rt).map((r) => r.durations.runMs))]),
    );
    rounds.push({
      round: i + 1, cells: s.run.results.length, ran: ran.length, builds: s.builds.built, cached: s.builds.cached,
      planMs: Math.round(planMs), wallMs: Math.round(wallMs), cellsPerSecond: +(ran.length / (wallMs / 1000)).toFixed(2),
      medianRunMsByRuntime: perRuntime,
    });
    console.log(`round ${i + 1}: ${ran.length} cells run in ${(wallMs / 1000).toFixed(1)} s (plan ${(planMs / 1000).toFixed(1)} s), ${s.builds.built} built, ${s.builds.cached} cached`);
  }
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  const prior = previous();
  const report = { at: new Date().toISOString(), filters, cores: (await import('node:os')).cpus().length, peakRssMiB, rounds, ...(prior.history ? { history: prior.history } : {}) };
  console.log(`harness peak RSS: ${peakRssMiB} MiB`);
  console.table(Object.entries(rounds.at(-1)!.medianRunMsByRuntime).map(([runtime, ms]) => ({ runtime, 'median run ms': ms })));
  writeAtomic(BENCH_FILE, `${JSON.stringify(report, null, 2)}\n`);
  return 0;
});
