// npm run merge -- OUT RUN... : union the run files of shards of one plan.
import { main } from '../src/main-errors.ts';
import { parseFlags, UsageError } from '../src/cli-args.ts';
import { newRunId } from '../src/provenance.ts';
import { mergeRuns, readRun, writeAtomic } from '../src/results.ts';

await main('merge', async () => {
  const { values, positionals } = parseFlags(process.argv.slice(2), {});
  if (values.help) {
    console.log('Usage: npm run merge -- OUT.json SHARD.json...\n\nMerges the run files of shards of one plan by union of their cells.');
    return 0;
  }
  const [out, ...inputs] = positionals;
  if (!out || inputs.length === 0) throw new UsageError('need an output file and at least one run file');
  const merged = mergeRuns(inputs.map(readRun), newRunId());
  writeAtomic(out, `${JSON.stringify(merged, null, 1)}\n`);
  console.log(`merged ${inputs.length} runs, ${merged.results.length} cells → ${out}`);
  return 0;
});
