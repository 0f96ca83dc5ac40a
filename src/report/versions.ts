import semver from 'semver';
import { NOT_RUN, type Status } from '../status.ts';
import type { Result } from '../types.ts';
import { hostVersion } from '../expectations.ts';
import { diffColumns, type DiffEntry } from './diff.ts';
import { isExternal } from './external.ts';
import { foldCell, targetOf } from './model.ts';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A column's place on its runtime's version axis: its own version, then its host's (`jco+node22.23.3`). */
function versionKey(label: string, version: string | null): [string, string] {
  const own = version ?? /@([^+]+)/.exec(label)?.[1] ?? '0.0.0';
  const host = hostVersion(version) ?? /\+[a-z]+(\d+\.\d+\.\d+)$/.exec(label)?.[1] ?? '0.0.0';
  return [semver.coerce(own)?.version ?? '0.0.0', host];
}

/** Each runtime's columns, oldest version first; only runtimes with two or more measured columns. */
export function versionAxes(results: Result[]): Map<string, string[]> {
  const columns = new Map<string, Map<string, [string, string]>>();
  for (const r of results) {
    if (NOT_RUN.has(r.status) && r.reasonKind === 'not-installed') continue;
    const m = columns.get(r.runtime) ?? new Map<string, [string, string]>();
    if (!m.has(r.runtimeLabel) || r.runtimeVersion) m.set(r.runtimeLabel, versionKey(r.runtimeLabel, r.runtimeVersion));
    columns.set(r.runtime, m);
  }
  const order = ([a, ah]: [string, string], [b, bh]: [string, string]) => semver.compare(a, b) || semver.compare(ah, bh);
  const out = new Map<string, string[]>();
  for (const [runtime, m] of [...columns].sort(([a], [b]) => a.localeCompare(b))) {
    if (m.size >= 2) out.set(runtime, [...m].sort(([, x], [, y]) => order(x, y)).map(([label]) => label));
  }
  return out;
}

const page = (title: string, nav: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:1rem}
table{border-collapse:collapse;margin-bottom:1rem}
th,td{border:1px solid #ddd;padding:2px 6px;text-align:center}
th.row{text-align:left;font-weight:normal;white-space:nowrap}
td.s-PASS{background:hsl(120,55%,38%);color:#fff}
td.s-FAIL,td.s-CRASH,td.s-TIMEOUT,td.s-BUILD_FAIL,td.s-ERROR{background:hsl(0,60%,45%);color:#fff}
td.s-UNSUPPORTED{background:#616161;color:#fff}
td.s-UNAVAILABLE{background:repeating-linear-gradient(45deg,#eceff1 0 4px,#fff 4px 8px);color:#455a64}
td.mixed{background:hsl(45,80%,45%);color:#fff}
li.regressed{color:#b71c1c} li.improved{color:#1b5e20}
code{font-size:12px}
</style></head>
<body>
<h1>${esc(title)}</h1>
<p>${nav}</p>
${body}
</body></html>
`;

const NAV = '<a href="index.html">overview</a> · <a href="timeline.html">timeline</a> · <a href="changes.html">changes</a> · <a href="grid.html">p3 snapshot grid</a> · <a href="cells.html">every cell</a>';

const short: Record<Status, string> = { PASS: 'P', FAIL: 'F', UNSUPPORTED: 'U', UNAVAILABLE: 'N', BUILD_FAIL: 'B', TIMEOUT: 'T', CRASH: 'C', ERROR: 'E' };

export const changeAnchor = (from: string, to: string) => `${from}..${to}`.replace(/[^A-Za-z0-9.@+-]/g, '_');

/** The steps of one runtime's axis, each with what changed (diff of two neighbouring columns). */
function steps(results: Result[], axis: string[]): { from: string; to: string; entries: DiffEntry[] }[] {
  return axis.slice(1).map((to, i) => ({ from: axis[i]!, to, entries: diffColumns(results, axis[i]!, to).filter((e) => e.change !== 'added' && e.change !== 'removed') }));
}

/**
 * The timeline: per runtime, its versions in order as columns (caniuse style), one row per feature
 * and language (the best target there, as the overview folds it), with the first and last version
 * it passed on; under the header, what changed at each step, linked to the change page.
 */
export function renderTimeline(results: Result[]): string {
  const ours = results.filter((r) => !isExternal(r));
  const sections = [...versionAxes(ours)].map(([runtime, axis]) => {
    const mine = ours.filter((r) => r.runtime === runtime);
    const rows = new Map<string, Result[]>();
    for (const r of mine) for (const f of r.features.length ? r.features : ['(none)']) {
      const k = `${f}\u0000${r.language}`;
      rows.set(k, [...(rows.get(k) ?? []), r]);
    }
    const changed = steps(ours, axis);
    const stepRow = `<tr><th class="row" colspan="2">changed from the previous version</th><td></td>${changed.map((s) => {
      const up = s.entries.filter((e) => e.change === 'improved').length;
      const down = s.entries.filter((e) => e.change === 'regressed').length;
      const other = s.entries.length - up - down;
      return `<td><a href="changes.html#${esc(changeAnchor(s.from, s.to))}">+${up} −${down}${other ? ` ~${other}` : ''}</a></td>`;
    }).join('')}<td colspan="2"></td></tr>`;
    const lines: { moving: boolean; html: string }[] = [...rows].sort(([a], [b]) => a.localeCompare(b)).map(([k, rs]) => {
      const [feature, language] = k.split('\u0000') as [string, string];
      const statuses = axis.map((col) => {
        const here = rs.filter((r) => r.runtimeLabel === col);
        return here.length ? foldCell(here) : null;
      });
      const passing = axis.filter((_, i) => statuses[i]?.status === 'PASS');
      const measured = statuses.filter((c) => c && !NOT_RUN.has(c.status));
      if (!measured.length) return { moving: false, html: '' };
      const moving = new Set(statuses.filter(Boolean).map((c) => c!.status)).size > 1;
      const cells = statuses.map((c) => (c ? `<td class="s-${c.status}" title="${esc(`${c.target ?? ''}: ${c.status}${c.reason ? ` — ${c.reason.slice(0, 300)}` : ''}`)}">${short[c.status]}</td>` : '<td></td>')).join('');
      return { moving, html: `<tr data-row="${esc(`${runtime}|${feature}|${language}`)}"><th class="row">${esc(feature)}</th><th class="row">${esc(language)}</th>${cells}<td>${esc(passing[0] ?? '—')}</td><td>${esc(passing.at(-1) ?? '—')}</td></tr>` };
    }).filter((l) => l.html);
    const head = `<tr><th>feature</th><th>language</th>${axis.map((c) => `<th>${esc(c)}</th>`).join('')}<th>first pass</th><th>last pass</th></tr>`;
    const moving = lines.filter((l) => l.moving).map((l) => l.html).join('');
    const steady = lines.filter((l) => !l.moving).map((l) => l.html).join('');
    return `<section id="${esc(runtime)}"><h2>${esc(runtime)}</h2>
<table class="timeline"><thead>${head}${stepRow}</thead><tbody class="moving">${moving || `<tr><td colspan="${axis.length + 4}">no row changes across these versions</td></tr>`}</tbody></table>
<details><summary>${lines.length - lines.filter((l) => l.moving).length} rows the same on every version</summary><table><thead>${head}</thead><tbody class="steady">${steady}</tbody></table></details></section>`;
  });
  return page('wasi-matrix: versions over time', `${NAV}. Letters: ${Object.entries(short).map(([s, l]) => `${l} ${s}`).join(', ')}; hover a cell for its reason.`, sections.join('\n') || '<p>No runtime has two measured versions in these runs.</p>');
}

/** What changed from each version of a runtime to the next: every improved, regressed or changed cell, with its reason. */
export function renderChanges(results: Result[]): string {
  const ours = results.filter((r) => !isExternal(r));
  const sections = [...versionAxes(ours)].flatMap(([runtime, axis]) => steps(ours, axis).map((s) => {
    const kinds = ['regressed', 'improved', 'changed'] as const;
    const items = kinds.flatMap((k) => s.entries.filter((e) => e.change === k).map((e) => {
      const why = (e.change === 'improved' ? e.before?.reason : e.after?.reason) ?? '';
      return `<li class="${k}" data-change="${k}"><b>${k}</b> ${esc(e.line)}: ${e.before?.status} → ${e.after?.status}${why ? ` — <code>${esc(why.slice(0, 400))}</code>` : ''}</li>`;
    }));
    const counts = kinds.map((k) => `${s.entries.filter((e) => e.change === k).length} ${k}`).join(', ');
    return `<section id="${esc(changeAnchor(s.from, s.to))}" data-runtime="${esc(runtime)}"><h2>${esc(s.from)} → ${esc(s.to)}</h2><p>${counts}</p>${items.length ? `<ul>${items.join('')}</ul>` : ''}</section>`;
  }));
  return page('wasi-matrix: what changed between versions', `${NAV}. Each step compares one runtime's neighbouring columns cell by cell; the reason is the newer side's (the older one's for an improvement).`, sections.join('\n') || '<p>No runtime has two measured versions in these runs.</p>');
}

/** `p3@rc-2025-09-16` … `p3`: snapshots in release order, the final release (no `@`) last. */
function snapshotOrder(a: string, b: string): number {
  const [x, y] = [a, b].map((t) => (t.includes('@') ? t : `${t}@~`)) as [string, string];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The snapshot grid: guests built for each WASI 0.3 snapshot (targets p3@<snapshot>, and p3 itself)
 * × every runtime column that measured one, on the cases the snapshot targets share. A cell counts
 * its passes; a failing one shows the runtime's own error.
 */
export function renderGrid(results: Result[]): string {
  const ours = results.filter((r) => !isExternal(r) && (r.target === 'p3' || r.target.startsWith('p3@')));
  const snapshots = [...new Set(ours.filter((r) => r.target.includes('@')).map((r) => r.target))];
  if (!snapshots.length) return page('wasi-matrix: the WASI 0.3 snapshot grid', NAV, '<p>No run measured a snapshot target yet (`npm run matrix` in the full profile does).</p>');
  // Only the lines the snapshot targets were measured on, so every row holds the same guests.
  const lines = new Set(ours.filter((r) => r.target.includes('@')).map((r) => `${r.suite}/${r.case}|${r.language}`));
  const inGrid = ours.filter((r) => lines.has(`${r.suite}/${r.case}|${r.language}`));
  const rows = [...new Set(inGrid.map((r) => targetOf(r)))].sort(snapshotOrder);
  const axes = versionAxes(inGrid);
  const columns = [...new Set(inGrid.map((r) => r.runtime))].sort().flatMap((rt) => axes.get(rt) ?? [...new Set(inGrid.filter((r) => r.runtime === rt).map((r) => r.runtimeLabel))])
    .filter((col) => inGrid.some((r) => r.runtimeLabel === col && !NOT_RUN.has(r.status)));
  const notes: string[] = [];
  const body = rows.map((row) => {
    const tc = [...new Set(inGrid.filter((r) => targetOf(r) === row && !NOT_RUN.has(r.status)).map((r) => r.toolchainVersion).filter(Boolean))].join(', ');
    return `<tr data-target="${esc(row)}"><th class="row">${esc(row)}</th><th class="row">${esc(tc)}</th>${columns.map((col) => {
      const rs = inGrid.filter((r) => targetOf(r) === row && r.runtimeLabel === col);
      if (!rs.length) return '<td></td>';
      const measured = rs.filter((r) => !NOT_RUN.has(r.status));
      const pass = measured.filter((r) => r.status === 'PASS').length;
      const failing = rs.find((r) => r.status !== 'PASS');
      const cls = !measured.length ? `s-${rs[0]!.status}` : pass === measured.length ? 's-PASS' : pass ? 'mixed' : `s-${failing!.status}`;
      if (failing && measured.length) {
        const n = notes.length + 1;
        notes.push(`<li id="n${n}"><b>${esc(row)} on ${esc(col)}</b> (${failing.status}, ${esc(failing.case)}): <code>${esc(failing.reason.slice(0, 400))}</code></li>`);
        return `<td class="${cls}" data-col="${esc(col)}" title="${esc(failing.reason.slice(0, 300))}">${pass}/${measured.length} <a href="#n${n}">[${n}]</a></td>`;
      }
      return `<td class="${cls}" data-col="${esc(col)}" title="${esc(failing?.reason.slice(0, 300) ?? '')}">${measured.length ? `${pass}/${measured.length}` : failing!.status === 'UNAVAILABLE' ? 'not here' : 'cannot'}</td>`;
    }).join('')}</tr>`;
  }).join('');
  const head = `<tr><th>guest's snapshot</th><th>built by</th>${columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  return page('wasi-matrix: the WASI 0.3 snapshot grid', `${NAV}. Rows: p3 guests built for one WASI 0.3 snapshot (release candidates, then 0.3.0 itself as p3); columns: runtime versions. A cell: guests passing / run, on ${lines.size} guest(s) (${[...lines].join(', ')}).`,
    `<table id="grid"><thead>${head}</thead><tbody>${body}</tbody></table>\n<h2>Failures, in the runtime's own words</h2><ol>${notes.join('')}</ol>`);
}
