/** The closed status vocabulary. Order is severity for summaries, best first. */
export const STATUSES = [
  'PASS',
  'FAIL',
  'UNSUPPORTED',
  'UNAVAILABLE',
  'BUILD_FAIL',
  'TIMEOUT',
  'CRASH',
  'ERROR',
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_MEANING: Record<Status, string> = {
  PASS: 'ran, exit code, checks and output all as the case requires',
  FAIL: 'ran to completion, but a check, the exit code or the output was wrong',
  UNSUPPORTED: 'the toolchain cannot emit, or the runtime cannot load, this target (declared, with the reason)',
  UNAVAILABLE: 'the toolchain or runtime is not installed on this machine (with the reason): not measured here',
  BUILD_FAIL: 'the toolchain failed to build the guest for this target',
  TIMEOUT: 'killed at the per-cell time limit',
  CRASH: 'trapped, killed by a signal, flooded its output, or the runtime failed internally',
  ERROR: 'the harness itself failed on this cell',
};

/** Statuses that say "not measured" rather than "measured and broken". */
export const NOT_RUN: ReadonlySet<Status> = new Set(['UNSUPPORTED', 'UNAVAILABLE']);
