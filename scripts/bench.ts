// npm run bench: the speed and memory figures, measured (never asserted by a test).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILTER_HELP, FILTER_OPTIONS, filtersFrom, parseFlags } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { ROOT } from '../src/paths.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import { writeAtomic } from '../src/results.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

await main('bench', async () => {
  const { values } = parseFlags(process.argv.slice(2), { ...FILTER_OPTIONS, repeat: { type: 'string' } });
  if (values.help) {
    console.log(`Usage: npm run bench -- [filters] [--repeat=N]\n\nPlans and runs the filtered matrix N times (default 2; the first may build, the rest\nmust not) and reports wall time, builds, cells per second, median run time per runtime\nand the harness's peak memory into reports/bench.json.\n\n${FILTER_HELP}`);
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
  const report = { at: new Date().toISOString(), filters, cores: (await import('node:os')).cpus().length, peakRssMiB, rounds };
  console.log(`harness peak RSS: ${peakRssMiB} MiB`);
  console.table(Object.entries(rounds.at(-1)!.medianRunMsByRuntime).map(([runtime, ms]) => ({ runtime, 'median run ms': ms })));
  writeAtomic(join(ROOT, 'reports', 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  return 0;
});
