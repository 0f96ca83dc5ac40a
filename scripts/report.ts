// npm run report: compat.md, compat.json, index.html and junit.xml from the run files. Reads only.
import { join, resolve } from 'node:path';
import { parseFlags, UsageError } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { ROOT } from '../src/paths.ts';
import { loadRuns } from '../src/report/runs.ts';
import { writeReports } from '../src/report/write.ts';

await main('report', async () => {
  const { values } = parseFlags(process.argv.slice(2), { runs: { type: 'string' }, out: { type: 'string' }, reference: { type: 'string' } });
  if (values.help) {
    console.log('Usage: npm run report -- [--runs=DIR] [--out=DIR] [--reference=RUNTIME]\n\nWrites compat.md, compat.json, index.html and junit.xml (default: from and into reports/).\n--reference names the runtime column (an id takes its newest version) that migration counts are read on;\nby default the newest version of the runtime that measured most cells.');
    return 0;
  }
  const runsDir = values.runs ? resolve(values.runs) : join(ROOT, 'reports', 'runs');
  const out = values.out ? resolve(values.out) : join(ROOT, 'reports');
  const runs = loadRuns(runsDir, { lazy: true });
  if (!runs.length) {
    console.error(`report: no run files in ${runsDir}; run \`npm run matrix\` first`);
    return 1;
  }
  const w = await writeReports(ROOT, runs, out, values.reference).catch((e: Error) => {
    throw values.reference && /no runtime column/.test(e.message) ? new UsageError(`--reference: ${e.message}`) : e;
  });
  console.log(`report: ${runs.length} runs, ${w.cells} cells, ${w.transitions} transitions, reference ${w.reference ?? '—'} → ${w.files.join(', ')}`);
  return 0;
});
