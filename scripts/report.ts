// npm run report: every page of reports/ from one run (the newest publication: full profile, no
// filter), its cells judged against the working tree, plus the history store for the pages over time. Reads only.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFlags, UsageError } from '../src/cli-args.ts';
import { headJudge } from '../src/freshness.ts';
import { main } from '../src/main-errors.ts';
import { ROOT } from '../src/paths.ts';
import { judgeRun, newestPublication } from '../src/report/publication.ts';
import { readRun } from '../src/results.ts';
import { loadRuns } from '../src/report/runs.ts';
import { materialize } from '../src/store/compact.ts';
import { writeReports } from '../src/report/write.ts';

const HELP = `Usage: npm run report -- [--run=FILE] [--runs=DIR] [--history=DIR] [--out=DIR] [--reference=RUNTIME]

Writes every page (compat.md, compat.json, index.html, timeline.html, changes.html, grid.html, cells.html,
junit.xml, wasi-testsuite.json, claims.md, claims.html) from ONE run: --run, else the newest publication
in --runs (default reports/runs): a run of the full profile with no filter or shard (else the newest run
there, said so). Each cell is judged against this working tree: one whose inputs (case, guest sources,
toolchain, runtime, matrix.yaml, harness) changed since the run is drawn as "stale, re-run". The pages over
time also read the history store (--history, default reports/history; npm run store adds to it).
--reference names the runtime column migration counts are read on (an id takes its newest version).`;

await main('report', async () => {
  const { values } = parseFlags(process.argv.slice(2), { run: { type: 'string' }, runs: { type: 'string' }, history: { type: 'string' }, out: { type: 'string' }, reference: { type: 'string' } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const runsDir = values.runs ? resolve(values.runs) : join(ROOT, 'reports', 'runs');
  const historyDir = values.history ? resolve(values.history) : join(ROOT, 'reports', 'history');
  const out = values.out ? resolve(values.out) : join(ROOT, 'reports');
  if (values.run && !existsSync(values.run)) throw new UsageError(`--run: no file ${values.run}`);
  const runs = loadRuns(runsDir, { lazy: true });
  const chosen = values.run ? readRun(resolve(values.run)) : newestPublication(runs) ?? runs.at(-1);
  if (!chosen) {
    console.error(`report: no run files in ${runsDir}; run \`npm run matrix\` first`);
    return 1;
  }
  if (!values.run && !newestPublication(runs)) console.error(`report: no full unfiltered run in ${runsDir}: showing the newest run, ${chosen.provenance.runId} (filters ${JSON.stringify(chosen.provenance.filters)})`);
  // The same folder may be both (the nightly reads its history for both): each run once.
  const past = [...new Map([...loadRuns(historyDir, { lazy: true }), ...runs].map((r) => [r.provenance.runId, r])).values()]
    .sort((a, b) => a.provenance.startedAt.localeCompare(b.provenance.startedAt));
  const run = { ...chosen, results: chosen.results.map(materialize) };
  const pub = { run, ...judgeRun(run, headJudge(ROOT, run)) };
  const w = await writeReports(ROOT, pub, past, out, values.reference).catch((e: Error) => {
    throw values.reference && /no runtime column/.test(e.message) ? new UsageError(`--reference: ${e.message}`) : e;
  });
  const f = pub.freshness;
  console.log(`report: run ${f.runId}, ${w.cells} cells, ${f.stale} stale, ${past.length} runs of history, ${w.transitions} transitions, reference ${w.reference ?? '—'} → ${w.files.length} files in ${out}`);
  for (const [rule, n] of Object.entries(f.ruled)) console.log(`  ${rule}: ${n}`);
  for (const [why, n] of Object.entries(f.why)) console.log(`  stale, ${why}: ${n}`);
  return 0;
});
