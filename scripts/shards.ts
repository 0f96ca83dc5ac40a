// npm run shards: how many shards the nightly needs so that each fits its time budget, from the
// published run's timings; prints the shard numbers as a JSON array for a CI job matrix.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFlags, positiveInt, UsageError } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { ROOT } from '../src/paths.ts';
import { newestPublication } from '../src/report/publication.ts';
import { loadRuns } from '../src/report/runs.ts';
import { readRun } from '../src/results.ts';
import { shardCount } from '../src/shard-count.ts';

const FALLBACK = 4;

await main('shards', async () => {
  const { values } = parseFlags(process.argv.slice(2), { run: { type: 'string' }, cores: { type: 'string' }, minutes: { type: 'string' } });
  if (values.help) {
    console.log('Usage: npm run shards -- [--run=RUN.json] [--cores=4] [--minutes=30]\n\nPrints [1, …, N]: the fewest shards of the full profile that each fit --minutes on a machine\nof --cores, from the cells\' times in --run (default: the newest publication in reports/runs;\nwithout one, 4 shards). The estimate goes to stderr.');
    return 0;
  }
  if (values.run && !existsSync(values.run)) throw new UsageError(`--run: no file ${values.run}`);
  const run = values.run ? readRun(resolve(values.run)) : newestPublication(loadRuns(join(ROOT, 'reports', 'runs')));
  const cores = positiveInt('cores', values.cores) ?? 4;
  const minutes = positiveInt('minutes', values.minutes) ?? 30;
  if (!run) {
    // Nothing measured yet: the nightly still runs, in as many shards as before there were timings.
    console.error(`shards: no publication in reports/runs to take timings from; ${FALLBACK} shards`);
    console.log(JSON.stringify(Array.from({ length: FALLBACK }, (_, i) => i + 1)));
    return 0;
  }
  const n = shardCount(run, cores, minutes * 60_000);
  console.error(`shards: Σ ${Math.round(n.sumMs / 1000)} s of cell time in run ${run.provenance.runId} (×${n.efficiency} for its overheads), longest cell ${Math.round(n.longestMs / 1000)} s → ${n.shards} shard(s) of ≤ ${minutes} min on ${cores} cores`);
  console.log(JSON.stringify(Array.from({ length: n.shards }, (_, i) => i + 1)));
  return 0;
});
