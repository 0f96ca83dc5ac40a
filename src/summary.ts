import { STATUSES, type Status } from './status.ts';
import { grid, gridGet } from './report/model.ts';
import type { Result } from './types.ts';

/** One letter per status, for dense terminal tables. */
export const STATUS_LETTER: Record<Status, string> = {
  PASS: 'P', FAIL: 'F', UNSUPPORTED: 'U', UNAVAILABLE: 'N', BUILD_FAIL: 'B', TIMEOUT: 'T', CRASH: 'C', ERROR: 'E',
};

export type Counts = Partial<Record<Status, number>>;

export function formatCounts(c: Counts): string {
  return STATUSES.filter((s) => c[s]).map((s) => `${c[s]}${STATUS_LETTER[s]}`).join(' ');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Per suite: language × runtime, with counts per status — the report's grid, counted. Reads results only. */
export function renderSummary(results: Result[]): string {
  const blocks: string[] = [];
  for (const suite of [...new Set(results.map((r) => r.suite))].sort()) {
    const rs = results.filter((r) => r.suite === suite);
    const byKey = new Map(rs.map((r) => [r.key, r]));
    const g = grid(rs, (r) => r.language, (r) => r.runtimeLabel);
    const counts = (keys: string[]) => {
      const c: Counts = {};
      for (const k of keys) {
        const st = byKey.get(k)!.status;
        c[st] = (c[st] ?? 0) + 1;
      }
      return c;
    };
    const rows = g.rows.map((lang) => [lang, ...g.columns.map((col) => formatCounts(counts(gridGet(g, lang, col)?.all ?? [])))]);
    blocks.push(`${suite}\n${table(['language', ...g.columns], rows)}`);
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
