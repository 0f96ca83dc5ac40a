// npm run report: compat.md, compat.json, index.html and junit.xml from the run files. Reads only.
import { join, resolve } from 'node:path';
import { loadFeatures } from '../src/cases.ts';
import { parseFlags } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { ROOT } from '../src/paths.ts';
import { renderBcd } from '../src/report/bcd.ts';
import { transitions } from '../src/report/history.ts';
import { renderHtml } from '../src/report/html.ts';
import { renderJunit } from '../src/report/junit.ts';
import { renderMarkdown } from '../src/report/markdown.ts';
import { migrationCost, sharedSources } from '../src/report/migration.ts';
import { latestResults, loadRuns } from '../src/report/runs.ts';
import { writeAtomic } from '../src/results.ts';

await main('report', async () => {
  const { values } = parseFlags(process.argv.slice(2), { runs: { type: 'string' }, out: { type: 'string' } });
  if (values.help) {
    console.log('Usage: npm run report -- [--runs=DIR] [--out=DIR]\n\nWrites compat.md, compat.json, index.html and junit.xml (default: from and into reports/).');
    return 0;
  }
  const runsDir = values.runs ? resolve(values.runs) : join(ROOT, 'reports', 'runs');
  const out = values.out ? resolve(values.out) : join(ROOT, 'reports');
  const runs = loadRuns(runsDir);
  if (!runs.length) {
    console.error(`report: no run files in ${runsDir}; run \`npm run matrix\` first`);
    return 1;
  }
  const results = latestResults(runs);
  const features = loadFeatures(ROOT);
  const history = transitions(runs);
  const files: [string, string][] = [
    ['compat.md', renderMarkdown({ runs, results, features, history, migration: migrationCost(results, runs), shared: sharedSources(results) })],
    ['compat.json', `${JSON.stringify(renderBcd(results, features, new Date().toISOString()), null, 1)}\n`],
    ['index.html', renderHtml(results, 'wasi-matrix')],
    ['junit.xml', renderJunit(results)],
  ];
  for (const [name, text] of files) writeAtomic(join(out, name), text);
  console.log(`report: ${runs.length} runs, ${results.length} cells, ${history.length} transitions → ${files.map(([n]) => join(out, n)).join(', ')}`);
  return 0;
});
