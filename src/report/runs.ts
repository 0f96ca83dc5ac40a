import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRun } from '../results.ts';
import { materialize, StoreReader } from '../store/compact.ts';
import type { Result, RunFile } from '../types.ts';

/**
 * Every finished run in a folder, oldest first: plain run files (`*.json`) and compact stored runs
 * (`*.run.json.gz`, see src/store/compact.ts). Journals of interrupted runs are skipped. `lazy`
 * leaves stored results' evidence unread until latestResults needs it.
 */
export function loadRuns(dir: string, opts: { lazy?: boolean } = {}): RunFile[] {
  if (!existsSync(dir)) return [];
  const store = new StoreReader(dir);
  return [
    ...readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => readRun(join(dir, f))),
    ...store.runFiles().map((f) => store.read(f, opts)),
  ].sort((a, b) => a.provenance.startedAt.localeCompare(b.provenance.startedAt));
}

export interface Evidence extends Result {
  runId: string;
  finishedAt: string;
}

/** The newest result of every cell over all runs: filtered runs add up to the whole picture. */
export function latestResults(runs: RunFile[]): Evidence[] {
  const latest = new Map<string, [Result, RunFile['provenance']]>();
  for (const run of runs) for (const r of run.results) latest.set(r.key, [r, run.provenance]);
  return [...latest.values()]
    .map(([r, p]): Evidence => ({ ...materialize(r), runId: p.runId, finishedAt: p.finishedAt }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
