import { STATUS_MEANING, STATUSES } from '../status.ts';
import type { Result, RunFile } from '../types.ts';
import type { Transition } from './history.ts';
import type { SharedSource, TargetCost } from './migration.ts';
import { coalesce, grid, gridGet, targetOf, withFeature, type Cell, type Grid } from './model.ts';

export function cellText(c: Cell | undefined): string {
  if (!c) return '';
  if (c.status === 'UNSUPPORTED' || c.status === 'UNAVAILABLE') return c.status;
  const checks = c.total ? ` ${c.passed}/${c.total}` : '';
  const flags = c.flags.length ? ` ${c.flags.map((f) => `\`${f}\``).join(' ')}` : '';
  return `${c.status} ${c.target}${checks}${flags}`;
}

const esc = (s: string) => s.replace(/\|/g, '\\|');

export function table(g: Grid, corner: string, render: (c: Cell | undefined) => string = cellText): string {
  const groups = coalesce(g, render);
  const head = `| ${corner} | ${groups.map((x) => esc(x.header)).join(' | ')} |`;
  const rule = `|${' --- |'.repeat(groups.length + 1)}`;
  const rows = g.rows.map((row) => `| ${row} | ${groups.map((x) => esc(render(gridGet(g, row, x.columns[0]!)))).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

/** Target × runtime for one language: how many cases pass out of those measured. */
function countCell(results: Result[]) {
  return (c: Cell | undefined) => {
    if (!c) return '';
    const rs = results.filter((r) => c.all.includes(r.key));
    const measured = rs.filter((r) => r.status !== 'UNSUPPORTED' && r.status !== 'UNAVAILABLE');
    if (!measured.length) return rs[0]?.status ?? '';
    return `${measured.filter((r) => r.status === 'PASS').length}/${measured.length}`;
  };
}

export interface MarkdownInput {
  runs: RunFile[];
  results: Result[];
  features: Record<string, string>;
  history: Transition[];
  migration: Map<string, TargetCost[]>;
  shared: SharedSource[];
}

export function renderMarkdown(m: MarkdownInput): string {
  const out: string[] = [];
  const newest = m.runs.at(-1)?.provenance;
  out.push('# wasi-matrix: what works where', '');
  out.push(`Generated from ${m.runs.length} run file(s); the newest result of each cell is shown (newest run ${newest?.runId ?? '—'}, git ${newest?.gitSha?.slice(0, 10) ?? '—'}).`, '');
  out.push('A cell shows the best target that passed (higher WASI first, native before adapter), its sub-checks, and the runtime flags it needed; if none passed, the closest status. Identical runtime columns are merged.', '');
  out.push('## Legend', '', '| status | meaning |', '| --- | --- |', ...STATUSES.map((s) => `| ${s} | ${STATUS_MEANING[s]} |`), '');

  out.push('## By feature: language × runtime', '');
  for (const [feature, description] of Object.entries(m.features)) {
    const rs = withFeature(m.results, feature);
    if (!rs.length) continue;
    out.push(`### ${feature}`, '', description, '', table(grid(rs, (r) => r.language, (r) => r.runtimeLabel), 'language'), '');
  }

  out.push('## By language: target × runtime (cases passing / measured)', '');
  for (const lang of [...new Set(m.results.map((r) => r.language))].sort()) {
    const rs = m.results.filter((r) => r.language === lang);
    out.push(`### ${lang}`, '', table(grid(rs, targetOf, (r) => r.runtimeLabel), 'target', countCell(rs)), '');
  }

  out.push('## Migration cost: p1 → p2 → p3', '');
  out.push('Per language and target: extra tools and build steps, lines of source and generated glue that differ from the guest of the language\'s lowest target (p1, or p2 for component-only toolchains), runtime flags needed, median artifact size, cold start (median run of `cli/exit-0` where it passed), and cases gained or lost against that lowest target.', '');
  const summary: string[] = ['| language | ' + ['p1', 'p2', 'p3'].join(' | ') + ' |', '| --- | --- | --- | --- |'];
  for (const [lang, rows] of m.migration) {
    out.push(`### ${lang}`, '', '| target | tools | steps | source delta (lines) | flags | artifact | cold start | cells passing | gained | lost |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows) {
      out.push(
        `| ${r.target} | ${r.tools.join(', ') || '—'} | ${r.steps} | ${r.sourceDelta ?? '—'} | ${r.flags.map((f) => `\`${f}\``).join(' ') || '—'} | ${r.artifactBytes ? `${(r.artifactBytes / 1024).toFixed(0)} KiB` : '—'} | ${r.coldStartMs !== null ? `${r.coldStartMs} ms` : '—'} | ${r.pass}/${r.measured} | ${r.gained.join(', ') || '—'} | ${r.lost.join(', ') || '—'} |`,
      );
    }
    out.push('');
    const best = (p: string) => {
      const ts = rows.filter((r) => r.target.split('+')[0] === p);
      if (!ts.length) return 'not built';
      const r = ts.reduce((a, b) => (b.pass > a.pass ? b : a));
      return `${r.pass}/${r.measured} pass (${r.target}${r.tools.length ? `; ${r.tools.join(', ')}` : ''})`;
    };
    summary.push(`| ${lang} | ${best('p1')} | ${best('p2')} | ${best('p3')} |`);
  }
  out.push('### Toolchain unevenness across languages', '', ...summary, '');

  for (const { languages: [a, b], onlyIn } of m.shared) {
    out.push(`## Same source, two toolchains: ${a} vs ${b}`, '', `Both build the same guest sources. Per target: cells passing, median artifact size and cold start (as in the migration tables), and the cases only one of them passes.`, '');
    out.push(`| target | ${a} passing | ${b} passing | ${a} artifact | ${b} artifact | ${a} cold start | ${b} cold start | only ${a} | only ${b} |`, '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const { target, first, second } of onlyIn) {
      // A plain target may be reached by several routes (p2, p2+adapter): the one passing most speaks for it.
      const row = (lang: string) =>
        m.migration.get(lang)?.filter((r) => r.target.split('+')[0] === target).reduce<TargetCost | undefined>((x, r) => (!x || r.pass > x.pass ? r : x), undefined);
      const [ra, rb] = [row(a), row(b)];
      const kib = (r: TargetCost | undefined) => (r?.artifactBytes ? `${(r.artifactBytes / 1024).toFixed(0)} KiB` : '—');
      const ms = (r: TargetCost | undefined) => (r?.coldStartMs != null ? `${r.coldStartMs} ms` : '—');
      const pass = (r: TargetCost | undefined) => (r ? `${r.pass}/${r.measured} (${r.target})` : '—');
      out.push(`| ${target} | ${pass(ra)} | ${pass(rb)} | ${kib(ra)} | ${kib(rb)} | ${ms(ra)} | ${ms(rb)} | ${first.join(', ') || '—'} | ${second.join(', ') || '—'} |`);
    }
    out.push('');
  }

  out.push('## History: when cells started or stopped passing', '');
  if (!m.history.length) out.push('No cell has changed between passing and not passing across the recorded runs.', '');
  else {
    out.push('| when | cell | from | to | runtime | toolchain | reason |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const t of m.history.slice(-200)) {
      out.push(`| ${t.at.slice(0, 16)} | ${esc(t.line)} | ${t.from} | ${t.to} | ${t.runtimeVersion ?? '—'} | ${t.toolchainVersion ?? '—'} | ${esc(t.reason.slice(0, 160))} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
