import type { RunFile } from './types.ts';

/** What a cell held a job slot for in a run: its build, the runtime's preparation, its runs. */
export function slotMs(r: RunFile['results'][number]): number {
  const d = r.durations;
  return d.buildMs + d.runMs + (d.prepareMs ?? 0) + (d.retryMs ?? 0);
}

/**
 * How many shards make every shard fit `budgetMs` on `cores` slots, from a run of the same plan:
 * its cells' slot times, and its wall over Σ slot / cores (how far that run fell short of keeping
 * every slot busy), so that the estimate carries the same overheads. A shard is never shorter than
 * its longest cell.
 */
export function shardCount(run: RunFile, cores: number, budgetMs: number): { shards: number; sumMs: number; longestMs: number; efficiency: number } {
  const ms = run.results.map(slotMs);
  const sumMs = ms.reduce((a, b) => a + b, 0);
  const longestMs = Math.max(0, ...ms);
  const wall = Date.parse(run.provenance.finishedAt) - Date.parse(run.provenance.startedAt);
  const jobs = run.provenance.host.cpus;
  // Above 1 when the run's wall was longer than its slot time spread over its cores.
  const efficiency = sumMs && wall ? Math.max(1, wall / (sumMs / jobs)) : 1;
  if (longestMs > budgetMs) throw new Error(`a cell took ${Math.round(longestMs / 1000)} s, longer than the ${Math.round(budgetMs / 1000)} s a shard may take`);
  return { shards: Math.max(1, Math.ceil((sumMs * efficiency) / cores / budgetMs)), sumMs, longestMs, efficiency: +efficiency.toFixed(2) };
}
