// npm run diff -- A.json B.json | npm run diff -- RUN.json --from COLUMN --to COLUMN
import { resolve } from 'node:path';
import { parseFlags, UsageError } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { diffColumns, diffResults, renderDiff } from '../src/report/diff.ts';
import { readRun } from '../src/results.ts';

const HELP = `Usage:
  npm run diff -- A.json B.json                                  two runs
  npm run diff -- RUN.json --from wasmtime@42.0.1 --to wasmtime@49.0.3   two runtime columns of one run

Lists improved, regressed, changed, added and removed cells per feature, with reasons.`;

await main('diff', async () => {
  const { values, positionals } = parseFlags(process.argv.slice(2), { from: { type: 'string' }, to: { type: 'string' } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.from || values.to) {
    if (!values.from || !values.to || positionals.length !== 1) throw new UsageError('--from and --to take one run file');
    const run = readRun(resolve(positionals[0]!));
    const columns = new Set(run.results.map((r) => r.runtimeLabel));
    for (const c of [values.from, values.to]) if (!columns.has(c)) throw new UsageError(`no column "${c}" in the run (has: ${[...columns].join(', ')})`);
    console.log(renderDiff(diffColumns(run.results, values.from, values.to), `${values.from} → ${values.to}`));
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('give two run files, or one with --from and --to');
  const [a, b] = positionals.map((p) => readRun(resolve(p)));
  console.log(renderDiff(diffResults(a!.results, b!.results), `${a!.provenance.runId} → ${b!.provenance.runId}`));
  return 0;
});
