import { STATUS_MEANING, STATUSES } from '../status.ts';
import type { Result, RunFile } from '../types.ts';
import { rowLanguage } from './external.ts';
import type { Transition } from './history.ts';
import type { Passing, SharedSource, TargetCost } from './migration.ts';
import { coalesce, grid, gridGet, targetOf, withFeature, type Cell, type Grid } from './model.ts';
import { splitFlags, type GrantRules } from './switches.ts';

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
  rules: GrantRules;
  /** The runtime column migration counts are read against. */
  reference: string | null;
}

/** Which commit each run behind the tables came from, and whether its tree had uncommitted changes. */
function provenanceSection(runs: RunFile[], results: { runId?: string }[]): string[] {
  const shown = new Map<string, number>();
  for (const r of results) if (r.runId) shown.set(r.runId, (shown.get(r.runId) ?? 0) + 1);
  const dirty = runs.filter((r) => r.provenance.gitDirty);
  const out = ['## Runs behind these tables', ''];
  if (dirty.length) out.push(`**${dirty.length} of ${runs.length} run(s) were made from a tree with uncommitted changes** (marked dirty below): their commit alone does not reproduce them.`, '');
  out.push('| run | finished | commit | tree | filters | cells shown |', '| --- | --- | --- | --- | --- | --- |');
  for (const { provenance: p } of runs) {
    const filters = Object.entries(p.filters).map(([k, v]) => `${k}=${v.join(',')}`).join(' ') + (p.shard ? ` shard=${p.shard.index}/${p.shard.count}` : '');
    out.push(`| ${p.runId} | ${p.finishedAt.slice(0, 16)} | ${p.gitSha?.slice(0, 10) ?? '—'} | ${p.gitDirty ? 'dirty' : 'clean'} | ${esc(filters) || 'all'} | ${shown.get(p.runId) ?? 0} |`);
  }
  out.push('');
  return out;
}

const passText = (p: Passing | null) => (p ? `${p.pass}/${p.measured}` : '—');
const code = (xs: string[]) => xs.map((f) => `\`${f}\``).join(' ') || '—';

export function renderMarkdown(m: MarkdownInput): string {
  const out: string[] = [];
  const newest = m.runs.at(-1)?.provenance;
  out.push('# wasi-matrix: what works where', '');
  out.push(`Generated from ${m.runs.length} run file(s); the newest result of each cell is shown (newest run ${newest?.runId ?? '—'}, git ${newest?.gitSha?.slice(0, 10) ?? '—'}${newest?.gitDirty ? ', dirty tree' : ''}).`, '');
  out.push('A cell shows the best target that passed (higher WASI first, native before adapter), its sub-checks, and the runtime switches it needed (capability grants such as network access are not switches and are not shown); if none passed, the closest status. Identical runtime columns are merged. External suites have rows of their own.', '');
  out.push(...provenanceSection(m.runs, m.results as { runId?: string }[]));
  const switchesOf = (r: Result) => splitFlags(r, m.rules).switches;
  out.push('## Legend', '', '| status | meaning |', '| --- | --- |', ...STATUSES.map((s) => `| ${s} | ${STATUS_MEANING[s]} |`), '');

  out.push('## By feature: language × runtime', '');
  for (const [feature, description] of Object.entries(m.features)) {
    const rs = withFeature(m.results, feature);
    if (!rs.length) continue;
    out.push(`### ${feature}`, '', description, '', table(grid(rs, rowLanguage, (r) => r.runtimeLabel, switchesOf), 'language'), '');
  }

  out.push('## By language: target × runtime (cases passing / measured)', '');
  for (const lang of [...new Set(m.results.map(rowLanguage))].sort()) {
    const rs = m.results.filter((r) => rowLanguage(r) === lang);
    out.push(`### ${lang}`, '', table(grid(rs, targetOf, (r) => r.runtimeLabel), 'target', countCell(rs)), '');
  }

  out.push('## Migration cost: p1 → p2 → p3', '');
  out.push(`Per language and target: extra tools and build steps, lines of source and generated glue that differ from the guest of the language's lowest target (p1, or p2 for component-only toolchains), runtime switches needed to pass (run-specific values such as ports shown as placeholders), capability grants the cases needed (not a cost of the target), median artifact size, cold start (median run of \`cli/exit-0\` on the reference column), cases passing / measured per runtime column, and cases gained or lost against the lowest target. Counts, cold start, gained and lost are read on the reference column **${m.reference ?? '—'}** (\`npm run report -- --reference=RUNTIME\` picks another), so machines with other runtimes installed print comparable rows.`, '');
  const summary: string[] = [`| language | ${['p1', 'p2', 'p3'].join(' | ')} |`, '| --- | --- | --- | --- |'];
  for (const [lang, rows] of m.migration) {
    out.push(`### ${lang}`, '', `| target | tools | steps | source delta (lines) | switches | grants | artifact | cold start | passing on ${m.reference ?? 'reference'} | passing per runtime | gained | lost |`, '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows) {
      const perRuntime = r.byRuntime.map((p) => `${p.runtime} ${p.pass}/${p.measured}`).join(', ');
      const list = (xs: string[] | null) => (xs === null ? 'not measured on reference' : xs.join(', ') || '—');
      out.push(
        `| ${r.target} | ${r.tools.join(', ') || '—'} | ${r.steps} | ${r.sourceDelta ?? '—'} | ${code(r.switches)} | ${code(r.grants)} | ${r.artifactBytes ? `${(r.artifactBytes / 1024).toFixed(0)} KiB` : '—'} | ${r.coldStartMs !== null ? `${r.coldStartMs} ms` : '—'} | ${passText(r.reference)} | ${perRuntime} | ${list(r.gained)} | ${list(r.lost)} |`,
      );
    }
    out.push('');
    const best = (p: string) => {
      const ts = rows.filter((r) => r.target.split('+')[0] === p);
      if (!ts.length) return 'not built';
      const r = ts.reduce((a, b) => ((b.reference?.pass ?? -1) > (a.reference?.pass ?? -1) ? b : a));
      return `${passText(r.reference)} pass (${r.target}${r.tools.length ? `; ${r.tools.join(', ')}` : ''})`;
    };
    summary.push(`| ${lang} | ${best('p1')} | ${best('p2')} | ${best('p3')} |`);
  }
  out.push(`### Toolchain unevenness across languages (on ${m.reference ?? '—'})`, '', ...summary, '');

  for (const { languages: [a, b], onlyIn } of m.shared) {
    out.push(`## Same source, two toolchains: ${a} vs ${b}`, '', `Both build the same guest sources. Per target: cells passing on ${m.reference ?? 'the reference column'}, median artifact size and cold start (as in the migration tables), and the cases only one of them passes.`, '');
    out.push(`| target | ${a} passing | ${b} passing | ${a} artifact | ${b} artifact | ${a} cold start | ${b} cold start | only ${a} | only ${b} |`, '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const { target, first, second } of onlyIn) {
      // A plain target may be reached by several routes (p2, p2+adapter): the one passing most speaks for it.
      const row = (lang: string) =>
        m.migration.get(lang)?.filter((r) => r.target.split('+')[0] === target).reduce<TargetCost | undefined>((x, r) => (!x || (r.reference?.pass ?? -1) > (x.reference?.pass ?? -1) ? r : x), undefined);
      const [ra, rb] = [row(a), row(b)];
      const kib = (r: TargetCost | undefined) => (r?.artifactBytes ? `${(r.artifactBytes / 1024).toFixed(0)} KiB` : '—');
      const ms = (r: TargetCost | undefined) => (r?.coldStartMs != null ? `${r.coldStartMs} ms` : '—');
      const pass = (r: TargetCost | undefined) => (r ? `${passText(r.reference)} (${r.target})` : '—');
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
