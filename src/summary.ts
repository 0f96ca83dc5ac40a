import { STATUSES, type Status } from './status.ts';
import type { Result } from './types.ts';

/** One letter per status, for dense terminal tables. */
export const STATUS_LETTER: Record<Status, string> = {
  PASS: 'P', FAIL: 'F', UNSUPPORTED: 'U', UNAVAILABLE: 'N', BUILD_FAIL: 'B', TIMEOUT: 'T', CRASH: 'C', ERROR: 'E',
};

export type Counts = Partial<Record<Status, number>>;

/** suite → language → runtime column → status counts. The model every view shares. */
export function countBy(results: Result[]): Map<string, Map<string, Map<string, Counts>>> {
  const out = new Map<string, Map<string, Map<string, Counts>>>();
  for (const r of results) {
    const bySuite = out.get(r.suite) ?? new Map<string, Map<string, Counts>>();
    out.set(r.suite, bySuite);
    const byLang = bySuite.get(r.language) ?? new Map<string, Counts>();
    bySuite.set(r.language, byLang);
    const counts = byLang.get(r.runtimeLabel) ?? {};
    byLang.set(r.runtimeLabel, counts);
    counts[r.status] = (counts[r.status] ?? 0) + 1;
  }
  return out;
}

export function formatCounts(c: Counts | undefined): string {
  if (!c) return '';
  return STATUSES.filter((s) => c[s]).map((s) => `${c[s]}${STATUS_LETTER[s]}`).join(' ');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Per suite: language × runtime, with counts per status. Reads results only. */
export function renderSummary(results: Result[]): string {
  const columns = [...new Set(results.map((r) => r.runtimeLabel))].sort();
  const blocks: string[] = [];
  for (const [suite, byLang] of [...countBy(results)].sort(([a], [b]) => a.localeCompare(b))) {
    const rows = [...byLang].sort(([a], [b]) => a.localeCompare(b)).map(([lang, byRt]) => [lang, ...columns.map((c) => formatCounts(byRt.get(c)))]);
    blocks.push(`${suite}\n${table(['language', ...columns], rows)}`);
  }
  const totals: Counts = {};
  for (const r of results) totals[r.status] = (totals[r.status] ?? 0) + 1;
  const legend = STATUSES.map((s) => `${STATUS_LETTER[s]}=${s}`).join(' ');
  blocks.push(`cells: ${results.length}  ${STATUSES.filter((s) => totals[s]).map((s) => `${s} ${totals[s]}`).join(', ')}\n${legend}`);
  return blocks.join('\n\n');
}

/** Lines for the cells that differ from expectations (regressions and unexpected passes). */
export function renderSurprises(results: Result[]): string[] {
  return results
    .filter((r) => r.outcome === 'unexpected' || r.outcome === 'xpass')
    .map((r) =>
      r.outcome === 'xpass'
        ? `XPASS ${r.key}: passes, but ${r.expectation?.file ?? 'expectations'} expects ${r.expectation?.status} (${r.expectation?.reason})`
        : `${r.status} ${r.key}: ${r.reason}`,
    );
}
