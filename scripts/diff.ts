// npm run diff -- A.json B.json | npm run diff -- RUN.json --from COLUMN --to COLUMN
import { resolve } from 'node:path';
import { parseFlags, UsageError } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { diffColumns, diffResults, renderDiff } from '../src/report/diff.ts';
import { readRun } from '../src/results.ts';
import type { RunFile } from '../src/types.ts';

const HELP = `Usage:
  npm run diff -- A.json B.json                                  two runs
  npm run diff -- RUN.json --from wasmtime@42.0.1 --to wasmtime@49.0.3   two runtime columns of one run

Lists improved, regressed, changed, added and removed cells per feature, with reasons. Two runs are
compared column by column (wasmtime@42 and wasmtime@49 each); a column upgraded between them is
compared with its predecessor.`;

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
  const name = (r: RunFile) => `${r.provenance.runId} (${r.provenance.gitSha?.slice(0, 10) ?? 'no commit'}${r.provenance.gitDirty ? ', dirty tree' : ''})`;
  console.log(renderDiff(diffResults(a!.results, b!.results), `${name(a!)} → ${name(b!)}`));
  return 0;
});
