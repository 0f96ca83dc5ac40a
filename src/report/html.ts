import { STATUS_MEANING, STATUSES } from '../status.ts';
import { STATUS_LETTER } from '../summary.ts';
import type { Result, RunFile } from '../types.ts';
import { isExternal } from './external.ts';
import { targetOf } from './model.ts';
import { unprovenChecks } from './publication.ts';

const MEASURED = (r: Result) => r.status !== 'UNSUPPORTED' && r.status !== 'UNAVAILABLE';

/** A cell's key from the fields the grid carries anyway; the page derives it the same way (DATA below). */
const derivedKey = (r: Result) => `${r.suite}/${r.case}|${r.language}|${targetOf(r)}|${r.runtimeLabel}`;

/**
 * What the grid needs of a result to draw and filter it. The key is carried only where it is not
 * derived from the other fields: a full run has tens of thousands of unique keys, most of the page.
 */
function slim(r: Result) {
  return {
    key: r.key === derivedKey(r) && !isExternal(r) ? null : r.key, suite: r.suite, case: r.case, language: isExternal(r) ? `${r.suite} (${r.language})` : r.language, target: targetOf(r), runtime: r.runtimeLabel,
    runtimeVersion: r.runtimeVersion, toolchainVersion: r.toolchainVersion, features: r.features, status: r.status,
    outcome: r.outcome, reason: r.reason, checks: MEASURED(r) ? `${r.checks.passed}/${r.checks.total}` : null, exitCode: r.exitCode,
    unproven: r.status === 'PASS' && unprovenChecks(r).length ? unprovenChecks(r).join(', ') : null,
  };
}

/** The evidence behind a measured cell, loaded only when it is opened. */
function evidenceOf(r: Result) {
  return {
    stdout: r.stdout, stderr: r.stderr, command: r.run?.argv.join(' ') ?? '', flags: r.run?.flags ?? [], notes: r.run?.notes ?? [],
    build: (r.build?.steps ?? []).map((s) => s.argv.join(' ')), runMs: r.durations.runMs, bytes: r.build?.artifact?.bytes ?? null,
    controls: (r.controls ?? []).map((c) => `grant ${c.grant}: ${c.status}${c.unproven?.length ? `, passed ${c.unproven.join(', ')} (unproven)` : ', failed what it was to fail'}`).join('; '),
  };
}

/**
 * Rows of objects as a dictionary of field groups and index rows. Fields that vary together (a case and
 * its features, a runtime and its version, a status and its reason) are one dictionary entry, so a
 * full run's tens of thousands of cells cost a few small numbers each; trailing entries that are the
 * group's all-null value are left off. The page unpacks it in a line of script.
 */
export function pack<T extends Record<string, unknown>>(objs: T[], groups: (keyof T & string)[][]): { groups: string[][]; dict: unknown[][]; rows: number[][] } {
  const dict: unknown[][] = [];
  const index = new Map<string, number>();
  const id = (v: unknown[]) => {
    const k = JSON.stringify(v);
    let i = index.get(k);
    if (i === undefined) index.set(k, (i = dict.push(v) - 1));
    return i;
  };
  const blank = groups.map((g) => id(g.map(() => null)));
  const rows = objs.map((o) => {
    const row = groups.map((g) => id(g.map((f) => o[f] ?? null)));
    while (row.length && row.at(-1) === blank[row.length - 1]) row.pop();
    return row;
  });
  return { groups, dict, rows };
}

/** Which of a grid row's fields vary together. */
const GROUPS: (keyof ReturnType<typeof slim>)[][] = [
  ['suite', 'case', 'features'], ['language', 'target', 'toolchainVersion'], ['runtime', 'runtimeVersion'], ['status', 'outcome', 'reason'], ['checks', 'exitCode', 'key', 'unproven'],
];

const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
const chunkName = (suite: string) => `evidence/${suite.replace(/[^A-Za-z0-9._-]+/g, '_')}.js`;

const COLORS: Record<string, string> = {
  PASS: '#2e7d32', FAIL: '#c62828', UNSUPPORTED: '#9e9e9e', UNAVAILABLE: '#cfd8dc', BUILD_FAIL: '#6a1b9a',
  TIMEOUT: '#ef6c00', CRASH: '#ad1457', ERROR: '#000000',
};

export interface Page {
  html: string;
  /** Evidence scripts the page loads on demand, by path relative to it (one per suite). */
  chunks: Record<string, string>;
}

/**
 * The cell grid: a static page, no server. The grid's data is embedded, packed; each suite's evidence
 * is a script beside it, loaded when a cell of that suite is opened (script tags work from file:// too),
 * so the page stays small however much output the cells printed.
 */
export function renderHtml(results: Result[], title: string, runs: RunFile[] = []): Page {
  const data = json(pack(results.map(slim), GROUPS));
  const chunks: Record<string, string> = {};
  for (const suite of [...new Set(results.map((r) => r.suite))].sort()) {
    const evidence = Object.fromEntries(results.filter((r) => r.suite === suite && MEASURED(r)).map((r) => [r.key, evidenceOf(r)]));
    chunks[chunkName(suite)] = `window.wasiMatrixEvidence(${json(suite)}, ${json(evidence)});\n`;
  }
  const runsLine = runs
    .map(({ provenance: p }) => `${p.runId} (${p.gitSha?.slice(0, 10) ?? 'no commit'}${p.gitDirty ? ', <b>dirty tree</b>' : ''})`)
    .join('; ');
  const legend = STATUSES.map((s) => `<span class="st ${s}" style="background:${COLORS[s]}">${STATUS_LETTER[s]}</span> ${s}: ${STATUS_MEANING[s]}`).join('<br>');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>
body{font:14px system-ui,sans-serif;margin:1rem}
table{border-collapse:collapse}
th,td{border:1px solid #ddd;padding:2px 6px;text-align:center}
td.row{text-align:left;white-space:nowrap}
.st{display:inline-block;min-width:1.4em;color:#fff;border-radius:3px;cursor:pointer}
.st.UNAVAILABLE{background:repeating-linear-gradient(45deg,#eceff1 0 3px,#fff 3px 6px)!important;color:#455a64;outline:1px dashed #90a4ae}
.filters label{margin-right:1rem}
dialog pre{max-width:80vw;max-height:40vh;overflow:auto;background:#f5f5f5;padding:.5rem}
</style></head>
<body>
<h1>${title}</h1>
${runs.length ? `<p id="runs">Runs: ${runsLine}</p>` : ''}
<div class="filters">
<label>language <select id="f-language"></select></label>
<label>runtime <select id="f-runtime"></select></label>
<label>target <select id="f-target"></select></label>
<label>feature <select id="f-feature"></select></label>
<span id="count"></span>
</div>
<p>Click a cell for its evidence. ${legend}</p>
<table id="grid"><thead></thead><tbody></tbody></table>
<dialog id="evidence"><button id="close">close</button><div id="detail"></div></dialog>
<script type="application/json" id="data">${data}</script>
<script>
const PACKED = JSON.parse(document.getElementById('data').textContent);
const DATA = PACKED.rows.map((row) => Object.fromEntries(PACKED.groups.flatMap((g, i) => g.map((f, j) => [f, i < row.length ? PACKED.dict[row[i]][j] : null]))))
  .map((r) => (r.key ? r : { ...r, key: r.suite + '/' + r.case + '|' + r.language + '|' + r.target + '|' + r.runtime }));
const CHUNKS = ${json(Object.fromEntries([...new Set(results.map((r) => r.suite))].map((s) => [s, chunkName(s)])))};
const EVIDENCE = {};
const waiting = {};
window.wasiMatrixEvidence = (suite, byKey) => { EVIDENCE[suite] = byKey; (waiting[suite] || []).forEach((f) => f()); };
function withEvidence(suite, then) {
  if (EVIDENCE[suite] || !CHUNKS[suite]) return then();
  if (!waiting[suite]) {
    waiting[suite] = [];
    const tag = document.createElement('script');
    tag.src = CHUNKS[suite];
    document.head.appendChild(tag);
  }
  waiting[suite].push(then);
}
const COLORS = ${JSON.stringify(COLORS)};
const LETTER = ${JSON.stringify(STATUS_LETTER)};
const uniq = (xs) => [...new Set(xs)].sort();
const axes = {
  language: uniq(DATA.map((r) => r.language)),
  runtime: uniq(DATA.map((r) => r.runtime)),
  target: uniq(DATA.map((r) => r.target)),
  feature: uniq(DATA.flatMap((r) => r.features)),
};
for (const [axis, values] of Object.entries(axes)) {
  const sel = document.getElementById('f-' + axis);
  sel.innerHTML = '<option value="">all</option>' + values.map((v) => '<option>' + v + '</option>').join('');
  sel.addEventListener('change', render);
}
const esc = (s) => String(s ?? '').replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
function render() {
  const f = Object.fromEntries(Object.keys(axes).map((a) => [a, document.getElementById('f-' + a).value]));
  const rows = DATA.filter((r) => (!f.language || r.language === f.language) && (!f.runtime || r.runtime === f.runtime)
    && (!f.target || r.target === f.target) && (!f.feature || r.features.includes(f.feature)));
  const cols = uniq(rows.map((r) => r.runtime));
  const byRow = new Map();
  for (const r of rows) {
    const k = r.suite + '/' + r.case + ' · ' + r.language + ' · ' + r.target;
    if (!byRow.has(k)) byRow.set(k, {});
    byRow.get(k)[r.runtime] = r;
  }
  document.querySelector('#grid thead').innerHTML = '<tr><th>case · language · target</th>' + cols.map((c) => '<th>' + esc(c) + '</th>').join('') + '</tr>';
  document.querySelector('#grid tbody').innerHTML = [...byRow].sort(([a], [b]) => a.localeCompare(b)).map(([k, cells]) =>
    '<tr data-language="' + esc(Object.values(cells)[0].language) + '"><td class="row">' + esc(k) + '</td>' + cols.map((c) => {
      const r = cells[c];
      return r ? '<td><a class="st ' + r.status + '" href="#' + encodeURIComponent(r.key) + '" data-key="' + esc(r.key) + '" title="' + esc(r.status + ': ' + r.reason + (r.unproven ? ' (unproven: ' + r.unproven + ')' : '')) + '" style="background:' + COLORS[r.status] + '">' + LETTER[r.status] + (r.unproven ? '?' : '') + '</a></td>' : '<td></td>';
    }).join('') + '</tr>').join('');
  document.getElementById('count').textContent = rows.length + ' cells';
}
document.getElementById('grid').addEventListener('click', (e) => {
  const key = e.target.dataset && e.target.dataset.key;
  if (!key) return;
  e.preventDefault();
  withEvidence(DATA.find((x) => x.key === key).suite, () => {
    const r = { ...DATA.find((x) => x.key === key), ...((EVIDENCE[DATA.find((x) => x.key === key).suite] || {})[key] || {}) };
    const line = (k, v) => (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length) ? '' : '<p><b>' + k + '</b> ' + esc(Array.isArray(v) ? v.join(' ') : v) + '</p>');
    document.getElementById('detail').innerHTML = '<h2>' + esc(r.key) + '</h2>' + line('status', r.status + ' (' + r.outcome + ')') + line('reason', r.reason)
      + line('checks', r.checks) + line('unproven', r.unproven) + line('negative controls', r.controls) + line('exit code', r.exitCode) + line('runtime', r.runtime + ' ' + (r.runtimeVersion || '')) + line('toolchain', r.toolchainVersion)
      + line('command', r.command) + line('flags', r.flags) + line('notes', r.notes) + line('run ms', r.runMs) + line('artifact bytes', r.bytes)
      + (r.build && r.build.length ? '<p><b>build</b></p><pre>' + esc(r.build.join('\\n')) + '</pre>' : '')
      + (r.stdout ? '<p><b>stdout</b></p><pre id="stdout">' + esc(r.stdout) + '</pre>' : '')
      + (r.stderr ? '<p><b>stderr</b></p><pre>' + esc(r.stderr) + '</pre>' : '');
    document.getElementById('evidence').showModal();
  });
});
document.getElementById('close').addEventListener('click', () => document.getElementById('evidence').close());
// The overview links here with its cell's filters in the hash: #feature=fs.read&runtime=jco.
for (const [axis, value] of new URLSearchParams(location.hash.slice(1))) {
  const sel = document.getElementById('f-' + axis);
  if (sel && [...sel.options].some((o) => o.value === value)) sel.value = value;
}
render();
</script>
</body></html>
`;
  return { html, chunks };
}
