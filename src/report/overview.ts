import { NOT_RUN, type Status } from '../status.ts';
import type { Result, RunFile } from '../types.ts';
import { isExternal } from './external.ts';
import { foldCell, withFeature } from './model.ts';

/**
 * The front page: feature × runtime column, each cell the share of languages whose guests pass the
 * feature there (any target), coloured by it, the way feature tables of engines are read. A language
 * selector narrows it to one language. "Not installed here" is drawn apart from "cannot", and
 * combinations nothing can run (every route declared impossible) are hidden until asked for.
 */
export function renderOverview(results: Result[], features: Record<string, string>, runs: RunFile[], title: string): string {
  const ours = results.filter((r) => !isExternal(r));
  const runtimes = [...new Set(ours.map((r) => r.runtimeLabel))].sort();
  const languages = [...new Set(ours.map((r) => r.language))].sort();
  // Grouped by area (the id's first part), areas in the order features.yaml first names them.
  const areas = [...new Set(Object.keys(features).map((f) => f.split('.')[0]!))];
  const rows = Object.entries(features)
    .filter(([f]) => withFeature(ours, f).length)
    .sort(([a], [b]) => areas.indexOf(a.split('.')[0]!) - areas.indexOf(b.split('.')[0]!));
  // status[feature][runtime][language]: the best a target reached, as an index into STATES.
  const STATES: (Status | '')[] = ['', 'PASS', 'FAIL', 'UNSUPPORTED', 'UNAVAILABLE', 'BUILD_FAIL', 'TIMEOUT', 'CRASH', 'ERROR'];
  const status = rows.map(([f]) => {
    const rs = withFeature(ours, f);
    return runtimes.map((rt) => languages.map((l) => {
      const mine = rs.filter((r) => r.runtimeLabel === rt && r.language === l);
      return mine.length ? STATES.indexOf(foldCell(mine).status) : 0;
    }));
  });
  const newest = runs.at(-1)?.provenance;
  const dirty = runs.filter((r) => r.provenance.gitDirty).length;
  const data = JSON.stringify({ features: rows, runtimes, languages, states: STATES, status, notRun: [...NOT_RUN] }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>
body{font:14px system-ui,sans-serif;margin:1rem}
table{border-collapse:collapse}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:center}
th.feature{text-align:left;font-weight:normal;white-space:nowrap}
tr.area th{text-align:left;background:#f5f5f5}
td a{color:#fff;text-decoration:none;display:block}
td.frac{color:#fff;font-weight:600}
td.here{background:repeating-linear-gradient(45deg,#eceff1 0 4px,#fff 4px 8px);color:#455a64;border:1px dashed #90a4ae}
td.here a{color:#455a64}
td.cannot{background:#616161;color:#fff}
td.cannot a{color:#fff}
.legend span{display:inline-block;padding:1px 8px;margin-right:.5rem}
</style></head>
<body>
<h1>${title}</h1>
<p>Newest run ${newest?.runId ?? '—'} (commit ${newest?.gitSha?.slice(0, 10) ?? '—'}${newest?.gitDirty ? ', dirty tree' : ''}); ${runs.length} run(s)${dirty ? `, ${dirty} from a dirty tree` : ''}. <a href="cells.html">Every cell, with its evidence</a> · <a href="timeline.html">versions over time</a> · <a href="changes.html">what changed between versions</a> · <a href="grid.html">p3 snapshot grid</a> · <a href="claims.html">the claims, measured</a> · <a href="compat.md">tables</a> · <a href="compat.json">compat.json</a></p>
<p class="legend"><span style="background:hsl(120,55%,38%);color:#fff">3/3</span> languages passing / measured on that runtime
<span class="here-key" style="background:repeating-linear-gradient(45deg,#eceff1 0 4px,#fff 4px 8px);border:1px dashed #90a4ae">not here</span> not installed on this machine (not measured)
<span style="background:#616161;color:#fff">cannot</span> declared impossible upstream</p>
<p><label>language <select id="language"><option value="">all languages</option></select></label>
<label><input type="checkbox" id="impossible"> show impossible combinations</label></p>
<table id="overview"><thead></thead><tbody></tbody></table>
<script type="application/json" id="data">${data}</script>
<script>
const D = JSON.parse(document.getElementById('data').textContent);
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const sel = document.getElementById('language');
sel.innerHTML += D.languages.map((l) => '<option>' + esc(l) + '</option>').join('');
/** One overview cell over the chosen languages. */
function cell(fi, ri, langs) {
  const states = langs.map((li) => D.states[D.status[fi][ri][li]]).filter((s) => s);
  const measured = states.filter((s) => !D.notRun.includes(s));
  const pass = measured.filter((s) => s === 'PASS').length;
  if (measured.length) return { kind: 'frac', text: pass + '/' + measured.length, hue: Math.round(120 * pass / measured.length) };
  if (states.includes('UNAVAILABLE')) return { kind: 'here', text: 'not here' };
  if (states.length) return { kind: 'cannot', text: 'cannot' };
  return { kind: 'none', text: '' };
}
function render() {
  const langs = sel.value ? [D.languages.indexOf(sel.value)] : D.languages.map((_, i) => i);
  const showAll = document.getElementById('impossible').checked;
  const grid = D.features.map((_, fi) => D.runtimes.map((_, ri) => cell(fi, ri, langs)));
  const shown = (c) => c.kind === 'frac' || c.kind === 'here' || (showAll && c.kind === 'cannot');
  const cols = D.runtimes.map((_, ri) => ri).filter((ri) => grid.some((row) => shown(row[ri])));
  const head = '<tr><th>feature</th>' + cols.map((ri) => '<th>' + esc(D.runtimes[ri]) + '</th>').join('') + '</tr>';
  let area = '';
  const body = D.features.map(([f, description], fi) => {
    if (!cols.some((ri) => shown(grid[fi][ri]))) return '';
    const a = f.split('.')[0];
    const title = a !== area ? '<tr class="area"><th colspan="' + (cols.length + 1) + '">' + esc(a) + '</th></tr>' : '';
    area = a;
    return title + '<tr data-feature="' + esc(f) + '"><th class="feature" title="' + esc(description) + '">' + esc(f) + '</th>' + cols.map((ri) => {
      const c = grid[fi][ri];
      if (!shown(c)) return '<td class="hidden"></td>';
      const link = '<a href="cells.html#feature=' + encodeURIComponent(f) + '&runtime=' + encodeURIComponent(D.runtimes[ri]) + (sel.value ? '&language=' + encodeURIComponent(sel.value) : '') + '">' + c.text + '</a>';
      return c.kind === 'frac' ? '<td class="frac" style="background:hsl(' + c.hue + ',55%,38%)">' + link + '</td>' : '<td class="' + c.kind + '">' + link + '</td>';
    }).join('') + '</tr>';
  }).join('');
  document.querySelector('#overview thead').innerHTML = head;
  document.querySelector('#overview tbody').innerHTML = body;
}
sel.addEventListener('change', render);
document.getElementById('impossible').addEventListener('change', render);
render();
</script>
</body></html>
`;
}
