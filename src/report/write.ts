import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PerfBench } from '../bench-perf.ts';
import { loadFeatures } from '../cases.ts';
import { writeAtomic } from '../results.ts';
import type { Result, RunFile } from '../types.ts';
import { renderBcd } from './bcd.ts';
import { renderClaims } from './claims.ts';
import { loadGrantRules } from './grant-rules.ts';
import { transitions } from './history.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { toWtsResults } from '../external/wts-results.ts';
import { renderMarkdown } from './markdown.ts';
import { renderOverview } from './overview.ts';
import { migrationCost, referenceColumn, sharedSources } from './migration.ts';
import { freshnessLine, type Freshness } from './publication.ts';
import type { Evidence } from './runs.ts';
import { renderChanges, renderGrid, renderTimeline } from './versions.ts';

export interface Written {
  files: string[];
  cells: number;
  transitions: number;
  reference: string | null;
}

/** One run as the site shows it: its results judged against HEAD (src/report/publication.ts). */
export interface Publication {
  run: RunFile;
  results: Result[];
  freshness: Freshness;
}

/** Every page names the run it shows and how many of its cells are stale. */
function stamp(name: string, text: string, f: Freshness): string {
  const line = freshnessLine(f);
  if (name.endsWith('.html')) return text.replace('<body>', `<body>\n<p class="freshness">${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`);
  if (name.endsWith('.md')) return text.replace(/^(# .*\n)/, `$1\n${line}\n`);
  if (name.endsWith('.xml')) return text.replace(/^(<\?xml[^>]*>\n)/, `$1<!-- ${line.replace(/--/g, '- -')} -->\n`);
  return text;
}

/**
 * From one publication (and the history runs before it, oldest first, for the pages over time) into a folder: compat.md, compat.json, junit.xml, wasi-testsuite.json
 * (the reference runner's result format), the overview page
 * (index.html), the version pages (timeline.html, changes.html, grid.html), the cell grid (cells.html)
 * and its evidence scripts (evidence/*.js), and the claims page (claims.md, claims.html and its charts, claims/*.svg).
 */
export async function writeReports(root: string, pub: Publication, past: RunFile[], out: string, wantedReference?: string): Promise<Written> {
  const p = pub.run.provenance;
  const results: Evidence[] = pub.results.map((r) => ({ ...r, runId: p.runId, finishedAt: p.finishedAt }));
  const runs = [pub.run];
  const features = loadFeatures(root);
  const history = transitions([...past.filter((r) => r.provenance.runId !== p.runId), { ...pub.run, results }]);
  const rules = await loadGrantRules(root, results);
  const reference = referenceColumn(results, wantedReference);
  if (wantedReference && !reference) throw new Error(`no runtime column "${wantedReference}" was measured in the runs`);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const version = `${pkg.version}+${runs.at(-1)!.provenance.runId}`;
  const files: [string, string][] = [
    ['compat.md', renderMarkdown({ runs, results, features, history, migration: migrationCost(results, runs, rules, reference), shared: sharedSources(results, reference), rules, reference })],
    ['compat.json', `${JSON.stringify({ ...(renderBcd({ results, features, runs, rules, version, timestamp: new Date().toISOString(), changelog: history.filter((t) => t.runId === p.runId) }) as object), __publication: pub.freshness }, null, 1)}\n`],
    ['index.html', renderOverview(results, features, runs, 'wasi-matrix')],
    ['timeline.html', renderTimeline(results)],
    ['changes.html', renderChanges(results)],
    ['grid.html', renderGrid(results)],
    ['junit.xml', renderJunit(results)],
    ['wasi-testsuite.json', `${JSON.stringify(toWtsResults({ ...runs.at(-1)!, results }, { all: true }), null, 1)}\n`],
  ];
  // The claims page: npm run bench's perf figures (reports/bench.json) beside the matrix's own results.
  const bench = join(root, 'reports', 'bench.json');
  const perf = existsSync(bench) ? (JSON.parse(readFileSync(bench, 'utf8')) as { perf?: PerfBench }).perf : undefined;
  const claims = renderClaims(perf, results);
  files.push(['claims.md', claims.md], ['claims.html', claims.html], ...Object.entries(claims.svgs));
  const cells = renderHtml(results, 'wasi-matrix: every cell', runs);
  files.push(['cells.html', cells.html], ...Object.entries(cells.chunks));
  for (const [name, text] of files) writeAtomic(join(out, name), stamp(name, text, pub.freshness));
  return { files: files.map(([n]) => join(out, n)), cells: results.length, transitions: history.length, reference };
}
