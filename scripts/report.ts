// npm run report: compat.md, compat.json, index.html and junit.xml from the run files. Reads only.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadFeatures } from '../src/cases.ts';
import { parseFlags, UsageError } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { ROOT } from '../src/paths.ts';
import { renderBcd } from '../src/report/bcd.ts';
import { transitions } from '../src/report/history.ts';
import { renderHtml } from '../src/report/html.ts';
import { renderJunit } from '../src/report/junit.ts';
import { renderMarkdown } from '../src/report/markdown.ts';
import { loadGrantRules } from '../src/report/grant-rules.ts';
import { migrationCost, referenceColumn, sharedSources } from '../src/report/migration.ts';
import { latestResults, loadRuns } from '../src/report/runs.ts';
import { writeAtomic } from '../src/results.ts';

await main('report', async () => {
  const { values } = parseFlags(process.argv.slice(2), { runs: { type: 'string' }, out: { type: 'string' }, reference: { type: 'string' } });
  if (values.help) {
    console.log('Usage: npm run report -- [--runs=DIR] [--out=DIR] [--reference=RUNTIME]\n\nWrites compat.md, compat.json, index.html and junit.xml (default: from and into reports/).\n--reference names the runtime column (an id takes its newest version) that migration counts are read on;\nby default the column that measured most cells.');
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
  const rules = await loadGrantRules(ROOT, results);
  const reference = referenceColumn(results, values.reference);
  if (values.reference && !reference) throw new UsageError(`--reference=${values.reference}: no such runtime column measured in the runs`);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const version = `${pkg.version}+${runs.at(-1)!.provenance.runId}`;
  const files: [string, string][] = [
    ['compat.md', renderMarkdown({ runs, results, features, history, migration: migrationCost(results, runs, rules, reference), shared: sharedSources(results, reference), rules, reference })],
    ['compat.json', `${JSON.stringify(renderBcd({ results, features, runs, rules, version, timestamp: new Date().toISOString() }), null, 1)}\n`],
    ['index.html', renderHtml(results, 'wasi-matrix', runs)],
    ['junit.xml', renderJunit(results)],
  ];
  for (const [name, text] of files) writeAtomic(join(out, name), text);
  console.log(`report: ${runs.length} runs, ${results.length} cells, ${history.length} transitions → ${files.map(([n]) => join(out, n)).join(', ')}`);
  return 0;
});
