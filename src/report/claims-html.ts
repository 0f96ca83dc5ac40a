// claims.html: the claims page of the site, from the same figures as reports/claims.md. Reads only.
import type { ClaimsPage } from './claims.ts';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
/** The page's prose is written for markdown: `code` spans are the only markup it uses. */
const prose = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : String(+x.toPrecision(digits)));
const chartId = (file: string) => `chart-${file.replace(/^.*\//, '').replace(/\.svg$/, '')}`;

export function renderClaimsHtml(page: ClaimsPage, kernels: string[], routes: string[]): string {
  const charts = [...new Set(page.claims.flatMap((c) => (c.chart ? [c.chart] : [])))];
  const rows = page.claims.map((c) => `<tr data-verdict="${esc(c.verdict)}">
<td class="quote">“${esc(c.quote)}”</td>
<td>${prose(c.measured)}${c.notes ? `<div class="note">${prose(c.notes)}</div>` : ''}${c.chart ? `<div><a href="#${chartId(c.chart)}">chart</a></div>` : ''}</td>
<td>${esc(c.where)}</td>
<td><span class="verdict v-${c.verdict.replace(/[^a-z]/g, '')}">${esc(c.verdict)}</span></td>
<td class="evidence">${c.evidence.map((e) => `<a href="${esc(e.href)}">${esc(e.key)}</a>`).join('<br>') || '—'}</td>
</tr>`);
  const figures = page.figures.length
    ? `<h2>Per runtime</h2>
<p>Start: the empty main, median ms of the fastest language, the native empty program beside it. Kernels: runtime time ÷ native time at the same size, geometric mean over languages and targets. Idle RSS: peak RSS of the empty main.</p>
<table id="figures"><thead><tr><th>runtime</th><th>kernel size</th><th>start ms</th><th>native start ms</th>${kernels.map((k) => `<th>${esc(k)} ×</th>`).join('')}<th>idle RSS MiB</th></tr></thead><tbody>
${page.figures.map((f) => `<tr data-runtime="${esc(f.runtime)}"><th>${esc(f.runtime)}</th><td>${esc(f.size)}</td><td>${num(f.startMs)}</td><td>${num(f.nativeStartMs)}</td>${kernels.map((k) => `<td>${num(f.ratios[k])}</td>`).join('')}<td>${num(f.idleRssKiB === null ? null : f.idleRssKiB / 1024)}</td></tr>`).join('\n')}
</tbody></table>`
    : '';
  const sizes = page.sizes.length
    ? `<h2>Artifact sizes (bytes)</h2>
<table id="sizes"><thead><tr><th>language</th><th>guest</th><th>native</th>${routes.map((t) => `<th>${esc(t)}</th>`).join('')}</tr></thead><tbody>
${page.sizes.map((r) => `<tr><th>${esc(r.language)}</th><td>${esc(r.guest)}</td><td>${r.native ?? '—'}</td>${routes.map((t) => `<td>${r.wasm[t] ?? '—'}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`
    : '';
  const noNative = page.noNative.length
    ? `<p>Languages without a native reference (no ratio):</p><ul>${page.noNative.map(([l, why]) => `<li>${esc(l)}: ${prose(why)}</li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>wasi-matrix: the claims, measured</title>
<style>
body{font:14px system-ui,sans-serif;margin:1rem;max-width:1400px}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:4px 8px;vertical-align:top;text-align:left}
td.quote{font-style:italic;white-space:nowrap}
.note{color:#555;font-size:12px;margin-top:3px}
td.evidence{font-size:12px;white-space:nowrap}
.verdict{display:inline-block;padding:1px 8px;border-radius:3px;color:#fff;font-weight:600;white-space:nowrap}
.v-holds{background:hsl(120,55%,35%)}
.v-doesnt{background:hsl(0,60%,45%)}
.v-depends{background:hsl(40,80%,40%)}
.v-notmeasured{background:#757575}
#figures td,#sizes td{text-align:right}
figure{margin:1rem 0}
figcaption{color:#555}
</style></head>
<body>
<h1>The claims, measured</h1>
<p><a href="index.html">Overview</a> · <a href="cells.html">every cell</a> · <a href="claims.md">claims.md</a></p>
<p>${prose(page.method)} Toolchain claims: the newest result of every cell over the run files.</p>
<table id="claims"><thead><tr><th>claim</th><th>our measurement</th><th>runtimes and versions</th><th>verdict</th><th>evidence</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${figures}
${sizes}
${noNative}
${charts.map((file) => `<figure id="${chartId(file)}"><img src="${esc(file)}" alt="${esc(file)}"><figcaption>${page.claims.filter((c) => c.chart === file).map((c) => `“${esc(c.quote)}”`).join(', ')}</figcaption></figure>`).join('\n')}
</body></html>
`;
}
