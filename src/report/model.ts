import { NOT_RUN, STATUSES, type Status } from '../status.ts';
import type { Result } from '../types.ts';

/** One (feature or case set) × language × runtime column: the best a target reached. */
export interface Cell {
  status: Status;
  /** The target (with variant) that passed, or that came closest. */
  target: string | null;
  passed: number;
  total: number;
  flags: string[];
  /** Result keys behind the shown target: the evidence. */
  keys: string[];
  /** Every result key folded into this cell, all targets. */
  all: string[];
  reason: string;
}

export const targetOf = (r: Pick<Result, 'target' | 'variant'>) => (r.variant === 'native' ? r.target : `${r.target}+${r.variant}`);

/** Higher WASI first, native before adapted: "best target" when several pass. */
function targetRank(t: string): number {
  const m = /^p(\d+)(\+)?/.exec(t);
  return m ? Number(m[1]) * 2 + (m[2] ? 0 : 1) : 0;
}

/** Measured statuses outrank "not measured", and among measured, PASS is best. */
function statusRank(s: Status): number {
  if (s === 'PASS') return 100;
  if (NOT_RUN.has(s)) return s === 'UNSUPPORTED' ? 1 : 2;
  return 50 - STATUSES.indexOf(s);
}

/**
 * Folds the results of one (language, runtime column) into a cell: per target, all its
 * results must PASS for the target to pass; the best target wins.
 */
export function foldCell(results: Result[], flagsOf: (r: Result) => string[] = (r) => r.run?.flags ?? []): Cell {
  const byTarget = new Map<string, Result[]>();
  for (const r of results) {
    const t = targetOf(r);
    byTarget.set(t, [...(byTarget.get(t) ?? []), r]);
  }
  const candidates = [...byTarget].map(([target, rs]): Cell => {
    const worst = rs.reduce((w, r) => (statusRank(r.status) < statusRank(w.status) ? r : w));
    return {
      status: worst.status,
      target,
      passed: rs.reduce((n, r) => n + r.checks.passed, 0),
      total: rs.reduce((n, r) => n + r.checks.total, 0),
      flags: [...new Set(rs.flatMap(flagsOf))],
      keys: rs.map((r) => r.key),
      all: results.map((r) => r.key),
      reason: worst.reason,
    };
  });
  candidates.sort((a, b) => statusRank(b.status) - statusRank(a.status) || targetRank(b.target!) - targetRank(a.target!));
  return candidates[0] ?? { status: 'UNAVAILABLE', target: null, passed: 0, total: 0, flags: [], keys: [], all: [], reason: 'no results' };
}

export type Grid = { rows: string[]; columns: string[]; cells: Map<string, Cell> };

const at = (row: string, col: string) => `${row}\u0000${col}`;

export function gridGet(g: Grid, row: string, col: string): Cell | undefined {
  return g.cells.get(at(row, col));
}

/** Rows × columns of folded cells, from any grouping of results. */
export function grid(results: Result[], rowOf: (r: Result) => string, colOf: (r: Result) => string, flagsOf?: (r: Result) => string[]): Grid {
  const groups = new Map<string, Result[]>();
  for (const r of results) {
    const k = at(rowOf(r), colOf(r));
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const cells = new Map([...groups].map(([k, rs]) => [k, foldCell(rs, flagsOf)]));
  return {
    rows: [...new Set(results.map(rowOf))].sort(),
    columns: [...new Set(results.map(colOf))].sort(),
    cells,
  };
}

/** Results that carry a feature tag (or a tag below it). */
export function withFeature(results: Result[], feature: string): Result[] {
  return results.filter((r) => r.features.some((f) => f === feature || f.startsWith(`${feature}.`)));
}

/** Columns whose every cell renders the same are shown once, under a joined header (eshost style). */
export function coalesce(g: Grid, render: (c: Cell | undefined) => string): { header: string; columns: string[] }[] {
  const groups: { header: string; columns: string[]; sig: string }[] = [];
  for (const col of g.columns) {
    const sig = g.rows.map((row) => render(gridGet(g, row, col))).join('\u0001');
    const same = groups.find((x) => x.sig === sig);
    if (same) {
      same.columns.push(col);
      same.header = same.columns.join(', ');
    } else groups.push({ header: col, columns: [col], sig });
  }
  return groups.map(({ header, columns }) => ({ header, columns }));
}
