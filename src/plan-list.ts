import { durations, formatMs, wallMs } from './estimate.ts';
import type { Plan, PlannedCell } from './runner.ts';

/** What `--list` says of a cell: whether it would run, and if not, which gate holds it. */
export type ListGate = 'runnable' | 'UNSUPPORTED' | 'UNAVAILABLE' | 'invalid' | 'excluded';

export interface Listing {
  cells: { key: string; gate: ListGate; reason?: string }[];
  counts: Partial<Record<ListGate, number>>;
  estimate: { ms: number | null; sumMs: number | null; jobs: number; runnable: number; untimed: number; assumedMs: number | null };
}

/** A cell builds and runs unless a gate holds it or its case file is invalid (recorded as ERROR without running). */
export function runs(plan: Pick<Plan, 'cases'>, c: PlannedCell): boolean {
  return !c.gate && !plan.cases.get(`${c.suite}/${c.case}`)?.invalid;
}

export function listPlan(plan: Pick<Plan, 'cells' | 'excluded' | 'cases'>, timings: Map<string, number>, jobs: number): Listing {
  const cells: Listing['cells'] = [
    ...plan.cells.map((c) => {
      const invalid = plan.cases.get(`${c.suite}/${c.case}`)?.invalid;
      if (c.gate) return { key: c.key, gate: c.gate.status, reason: c.gate.reason };
      return invalid ? { key: c.key, gate: 'invalid' as const, reason: invalid } : { key: c.key, gate: 'runnable' as const };
    }),
    ...plan.excluded.map((e) => ({ key: e.cell.key, gate: 'excluded' as const, reason: e.reason })),
  ];
  const counts: Listing['counts'] = {};
  for (const c of cells) counts[c.gate] = (counts[c.gate] ?? 0) + 1;
  const runnable = cells.filter((c) => c.gate === 'runnable').map((c) => c.key);
  const d = durations(runnable, timings);
  const each = runnable.map((k) => d.of(k));
  const sum = each.every((x) => x !== undefined) ? (each as number[]).reduce((a, b) => a + b, 0) : undefined;
  return {
    cells,
    counts,
    estimate: { ms: wallMs(each, jobs) ?? null, sumMs: sum ?? null, jobs, runnable: runnable.length, untimed: d.untimed, assumedMs: d.assumedMs ?? null },
  };
}

const ORDER: ListGate[] = ['runnable', 'UNSUPPORTED', 'UNAVAILABLE', 'invalid', 'excluded'];

/** One line a cell (key, gate, the reason's first line, short), then the counts and the estimate. */
export function renderListing(l: Listing): string {
  const width = Math.max(0, ...l.cells.map((c) => c.key.length));
  const short = (r: string) => {
    const line = r.split('\n')[0]!;
    return line.length > 100 ? `${line.slice(0, 99)}…` : line;
  };
  const lines = l.cells.map((c) => `${c.key.padEnd(width)}  ${c.gate}${c.reason ? `  ${short(c.reason)}` : ''}`);
  const counts = ORDER.filter((g) => l.counts[g]).map((g) => `${l.counts[g]} ${g}`).join(', ');
  lines.push('', `${l.cells.length} cells: ${counts || 'none'}`);
  const e = l.estimate;
  if (!e.runnable) lines.push('estimated wall time: 0 (nothing would run)');
  else if (e.ms === null) lines.push(`estimated wall time: unknown (no cell has a timing yet; a run records them in timings.json)`);
  else {
    const assumed = e.untimed ? `; ${e.untimed} of ${e.runnable} runnable cells never timed, each assumed to take the median, ${formatMs(e.assumedMs!)}` : '';
    lines.push(`estimated wall time: ~${formatMs(e.ms)} on ${e.jobs} jobs (last run times: ${formatMs(e.sumMs!)} in all${assumed}; builds not counted)`);
  }
  return lines.join('\n');
}
