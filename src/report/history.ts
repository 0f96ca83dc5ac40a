import type { Status } from '../status.ts';
import type { RunFile } from '../types.ts';
import { targetOf } from './model.ts';

/** A cell's identity across runtime versions: the column's runtime, not its version. */
export const lineOf = (r: { suite: string; case: string; language: string; target: string; variant: string; runtime: string }) =>
  `${r.suite}/${r.case}|${r.language}|${targetOf(r)}|${r.runtime}`;

export interface Transition {
  line: string;
  at: string;
  runId: string;
  from: Status;
  to: Status;
  runtimeVersion: string | null;
  toolchainVersion: string | null;
  reason: string;
}

/**
 * When each cell started or stopped passing, and at which runtime or toolchain version.
 * Within a run, several versions of a runtime are ordered oldest first, so 42 → 49 reads as time.
 */
export function transitions(runs: RunFile[]): Transition[] {
  const last = new Map<string, { status: Status; version: string | null }>();
  const out: Transition[] = [];
  for (const run of runs) {
    const ordered = [...run.results].sort((a, b) =>
      (a.runtimeVersion ?? '').localeCompare(b.runtimeVersion ?? '', undefined, { numeric: true }),
    );
    for (const r of ordered) {
      if (r.status === 'UNAVAILABLE') continue;
      const line = lineOf(r);
      const prev = last.get(line);
      const passing = r.status === 'PASS';
      if (prev && (prev.status === 'PASS') !== passing) {
        out.push({
          line, at: run.provenance.finishedAt, runId: run.provenance.runId, from: prev.status, to: r.status,
          runtimeVersion: r.runtimeVersion, toolchainVersion: r.toolchainVersion, reason: r.reason,
        });
      }
      last.set(line, { status: r.status, version: r.runtimeVersion });
    }
  }
  return out;
}
