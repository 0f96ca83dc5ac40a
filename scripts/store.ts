// npm run store -- DIR RUN.json...: adds run files to a compact history folder (builds and sources
// stored once across runs, compressed); `npm run report -- --runs=DIR` reads it.
import { resolve } from 'node:path';
import { parseFlags, UsageError } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { readRun } from '../src/results.ts';
import { storeRun } from '../src/store/compact.ts';

await main('store', async () => {
  const { values, positionals } = parseFlags(process.argv.slice(2), {});
  if (values.help) {
    console.log('Usage: npm run store -- DIR RUN.json...\n\nAdds each run file to the compact history in DIR: <runId>.run.json.gz, with build records and\nguest sources stored once under DIR/builds and DIR/sources. Prints the bytes each run added.');
    return 0;
  }
  const [dir, ...files] = positionals;
  if (!dir || !files.length) throw new UsageError('give the history folder and at least one run file');
  for (const f of files) {
    const a = storeRun(resolve(dir), readRun(resolve(f)));
    console.log(`${a.file}: ${(a.bytes / 1024).toFixed(0)} KiB run, ${a.newBuilds} new builds, ${a.newSources} new sources, ${(a.newBytes / 1024).toFixed(0)} KiB added`);
  }
  return 0;
});
