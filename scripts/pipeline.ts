// npm run pipeline -- --shards=N [filters]: the nightly's steps on this machine — one unsharded run, N
// shards, merge, report, regression check — and a cell-for-cell check that the merged shards equal the
// unsharded run (statuses and checks; timings may differ).
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { FILTER_HELP, FILTER_OPTIONS, parseFlags, positiveInt, UsageError } from '../src/cli-args.ts';
import { FILTER_KEYS } from '../src/filters.ts';
import { main } from '../src/main-errors.ts';
import { ROOT } from '../src/paths.ts';
import { readRun } from '../src/results.ts';
import { cellDifferences } from '../src/report/same-cells.ts';

const HELP = `Usage: npm run pipeline -- --shards=N [filters]

Runs the filtered plan once unsharded and once as N shards (npm run matrix -- --shard=i/N), merges the
shards (npm run merge), writes the reports from the merged run (npm run report), runs the regression
check of the unsharded run against the merged one (npm run regressions), and fails unless the merged
shards equal the unsharded run cell for cell. Work files go to a temporary folder, printed at the end.`;

/** One of our npm scripts, as CI runs it; its output streams through. */
async function step(name: string, script: string, args: string[]): Promise<number> {
  const t0 = performance.now();
  console.error(`pipeline: ${name}: ${script} ${args.join(' ')}`);
  const r = await execa('npx', ['tsx', join(ROOT, 'scripts', `${script}.ts`), ...args], { cwd: ROOT, stdio: 'inherit', reject: false });
  console.error(`pipeline: ${name}: exit ${r.exitCode} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r.exitCode ?? 1;
}

const runFileIn = (dir: string) => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (files.length !== 1) throw new Error(`${dir}: expected one run file, found ${files.length}`);
  return join(dir, files[0]!);
};

await main('pipeline', async () => {
  const { values } = parseFlags(process.argv.slice(2), { ...FILTER_OPTIONS, shards: { type: 'string' } });
  if (values.help) {
    console.log(`${HELP}\n\n${FILTER_HELP}`);
    return 0;
  }
  const shards = positiveInt('shards', values.shards);
  if (!shards || shards < 2) throw new UsageError('--shards=N with N ≥ 2');
  const filters = FILTER_KEYS.flatMap((k) => ((values[k] as string[] | undefined) ?? []).map((v) => `--${k}=${v}`));
  const work = mkdtempSync(join(tmpdir(), 'pipeline-'));
  const whole = join(work, 'unsharded');
  if (await step('unsharded run', 'matrix', ['--no-provision', `--out=${whole}`, ...filters])) return 1;
  const shardFiles: string[] = [];
  for (let i = 1; i <= shards; i++) {
    const dir = join(work, `shard-${i}`);
    if (await step(`shard ${i}/${shards}`, 'matrix', ['--no-provision', `--shard=${i}/${shards}`, `--out=${dir}`, ...filters])) return 1;
    shardFiles.push(runFileIn(dir));
  }
  const merged = join(work, 'merged', 'merged.json');
  if (await step('merge', 'merge', [merged, ...shardFiles])) return 1;
  if (await step('report', 'report', [`--runs=${join(work, 'merged')}`, `--history=${join(work, 'merged')}`, `--out=${join(work, 'site')}`])) return 1;
  const regressed = await step('regressions', 'regressions', [runFileIn(whole), merged]);

  const a = readRun(runFileIn(whole));
  const b = readRun(merged);
  const diffs = cellDifferences(a.results, b.results);
  const sizes = shardFiles.map((f) => readRun(f).results.length);
  console.log(`\npipeline: unsharded ${a.results.length} cells; ${shards} shards of ${sizes.join(' + ')} merged into ${b.results.length}`);
  console.log(diffs.length ? `pipeline: ${diffs.length} cell(s) differ:\n  ${diffs.join('\n  ')}` : 'pipeline: merged shards equal the unsharded run, cell for cell (statuses and checks)');
  console.log(`pipeline: reports in ${join(work, 'site')} (${readdirSync(join(work, 'site')).join(', ')}); work files in ${work}`);
  return diffs.length || regressed ? 1 : 0;
});
