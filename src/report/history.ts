import semver from 'semver';
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

const coerced = new Map<string, semver.SemVer | null>();
/** Versions repeat across every cell of every run: each is parsed once. */
function coerce(v: string): semver.SemVer | null {
  let c = coerced.get(v);
  if (c === undefined) coerced.set(v, (c = semver.coerce(v)));
  return c;
}

/** The newest version wins: a run's state of a line is its newest runtime version's result. */
function newer(a: string | null, b: string | null): boolean {
  if (a === b) return false;
  const [x, y] = [coerce(a ?? ''), coerce(b ?? '')];
  return x && y ? semver.gt(x, y) : (a ?? '') > (b ?? '');
}

/**
 * When each cell started or stopped passing, and at which runtime or toolchain version. A line's
 * state in a run is its newest runtime version's result (older columns of the same run are the
 * diff's business), so an upgrade between runs reads as a transition at the new version.
 */
export function transitions(runs: RunFile[]): Transition[] {
  const last = new Map<string, Status>();
  const out: Transition[] = [];
  for (const run of runs) {
    const current = new Map<string, RunFile['results'][number]>();
    for (const r of run.results) {
      if (r.status === 'UNAVAILABLE') continue;
      const line = lineOf(r);
      const seen = current.get(line);
      if (!seen || newer(r.runtimeVersion, seen.runtimeVersion)) current.set(line, r);
    }
    for (const [line, r] of [...current].sort(([a], [b]) => a.localeCompare(b))) {
      const prev = last.get(line);
      if (prev !== undefined && (prev === 'PASS') !== (r.status === 'PASS')) {
        out.push({
          line, at: run.provenance.finishedAt, runId: run.provenance.runId, from: prev, to: r.status,
          runtimeVersion: r.runtimeVersion, toolchainVersion: r.toolchainVersion, reason: r.reason,
        });
      }
      last.set(line, r.status);
    }
  }
  return out;
}
