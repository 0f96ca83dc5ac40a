/**
 * How long cells will take, from each cell's last run time (src/timings.ts). Shared by `--list`
 * (before a run) and the progress line (during one), so both say the same thing.
 */
export interface Durations {
  /** The last run time of a cell, or the assumed one for a cell never timed (undefined if nothing is timed at all). */
  of(key: string): number | undefined;
  /** Cells of the set without a timing of their own. */
  untimed: number;
  /** What an untimed cell is assumed to take: the median of the timed ones. */
  assumedMs: number | undefined;
}

function median(xs: number[]): number | undefined {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function durations(keys: string[], timings: Map<string, number>): Durations {
  const timed = keys.filter((k) => timings.has(k)).map((k) => timings.get(k)!);
  // None of these cells timed yet: the other cells of the file are still a better guess than nothing.
  const assumedMs = median(timed.length ? timed : [...timings.values()]);
  return { of: (k) => timings.get(k) ?? assumedMs, untimed: keys.length - timed.length, assumedMs };
}

/**
 * Wall time of cells that take `ms` each on `jobs` slots: their sum shared by the slots, but never
 * less than the longest one (a run ends when its last cell does). Undefined when nothing is known.
 */
export function wallMs(ms: (number | undefined)[], jobs: number): number | undefined {
  if (ms.some((x) => x === undefined)) return undefined;
  const known = ms as number[];
  return Math.max(known.reduce((a, b) => a + b, 0) / jobs, ...known, 0);
}

/** `850 ms`, `12 s`, `4 min 05 s`, `1 h 02 min`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
