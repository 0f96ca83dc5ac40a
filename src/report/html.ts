import { STATUS_MEANING, STATUSES } from '../status.ts';
import { STATUS_LETTER } from '../summary.ts';
import type { Result, RunFile } from '../types.ts';
import { isExternal } from './external.ts';
import { targetOf } from './model.ts';

const MEASURED = (r: Result) => r.status !== 'UNSUPPORTED' && r.status !== 'UNAVAILABLE';

/** What the page needs of a result: evidence for measured cells, the reason for the rest. */
function slim(r: Result) {
  return {
    key: r.key, suite: r.suite, case: r.case, language: isExternal(r) ? `${r.suite} (${r.language})` : r.language, target: targetOf(r), runtime: r.runtimeLabel,
    runtimeVersion: r.runtimeVersion, toolchainVersion: r.toolchainVersion, features: r.features, status: r.status,
    outcome: r.outcome, reason: r.reason, checks: `${r.checks.passed}/${r.checks.total}`, exitCode: r.exitCode,
    ...(MEASURED(r)
      ? {
          stdout: r.stdout, stderr: r.stderr, command: r.run?.argv.join(' ') ?? '', flags: r.run?.flags ?? [], notes: r.run?.notes ?? [],
          build: (r.build?.steps ?? []).map((s) => s.argv.join(' ')), runMs: r.durations.runMs, bytes: r.build?.artifact?.bytes ?? null,
        }
      : {}),
  };
}

const COLORS: Record<string, string> = {
  PASS: '#2e7d32', FAIL: '#c62828', UNSUPPORTED: '#9e9e9e', UNAVAILABLE: '#cfd8dc', BUILD_FAIL: '#6a1b9a',
  TIMEOUT: '#ef6c00', CRASH: '#ad1457', ERROR: '#000000',
};

/** One static page, no server: data embedded, filters and evidence in plain DOM script. */
export function renderHtml(results: Result[], title: string, runs: RunFile[] = []): string {
  const data = JSON.stringify(results.map(slim)).replace(/</g, '\\u003c');
  const runsLine = runs
    .map(({ provenance: p }) => `${p.runId} (${p.gitSha?.slice(0, 10) ?? 'no commit'}${p.gitDirty ? ', <b>dirty tree</b>' : ''})`)
    .join('; ');
  const legend = STATUSES.map((s) => `<span class="st" style="background:${COLORS[s]}">${STATUS_LETTER[s]}</span> ${s}: ${STATUS_MEANING[s]}`).join('<br>');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>
body{font:14px system-ui,sans-serif;margin:1rem}
table{border-collapse:collapse}
th,td{border:1px solid #ddd;padding:2px 6px;text-align:center}
td.row{text-align:left;white-space:nowrap}
.st{display:inline-block;min-width:1.4em;color:#fff;border-radius:3px;cursor:pointer}
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
const DATA = JSON.parse(document.getElementById('data').textContent);
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
      return r ? '<td><a class="st" href="#' + encodeURIComponent(r.key) + '" data-key="' + esc(r.key) + '" title="' + esc(r.status + ': ' + r.reason) + '" style="background:' + COLORS[r.status] + '">' + LETTER[r.status] + '</a></td>' : '<td></td>';
    }).join('') + '</tr>').join('');
  document.getElementById('count').textContent = rows.length + ' cells';
}
document.getElementById('grid').addEventListener('click', (e) => {
  const key = e.target.dataset && e.target.dataset.key;
  if (!key) return;
  e.preventDefault();
  const r = DATA.find((x) => x.key === key);
  const line = (k, v) => (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length) ? '' : '<p><b>' + k + '</b> ' + esc(Array.isArray(v) ? v.join(' ') : v) + '</p>');
  document.getElementById('detail').innerHTML = '<h2>' + esc(r.key) + '</h2>' + line('status', r.status + ' (' + r.outcome + ')') + line('reason', r.reason)
    + line('checks', r.checks) + line('exit code', r.exitCode) + line('runtime', r.runtime + ' ' + (r.runtimeVersion || '')) + line('toolchain', r.toolchainVersion)
    + line('command', r.command) + line('flags', r.flags) + line('notes', r.notes) + line('run ms', r.runMs) + line('artifact bytes', r.bytes)
    + (r.build ? '<p><b>build</b></p><pre>' + esc(r.build.join('\\n')) + '</pre>' : '')
    + (r.stdout ? '<p><b>stdout</b></p><pre id="stdout">' + esc(r.stdout) + '</pre>' : '')
    + (r.stderr ? '<p><b>stderr</b></p><pre>' + esc(r.stderr) + '</pre>' : '');
  document.getElementById('evidence').showModal();
});
document.getElementById('close').addEventListener('click', () => document.getElementById('evidence').close());
render();
</script>
</body></html>
`;
}
