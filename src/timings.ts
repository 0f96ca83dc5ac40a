import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './paths.ts';
import { writeAtomic } from './results.ts';

/**
 * Each cell's last run time, kept in the cache, so that a run starts its longest cells first (as
 * vitest orders test files by their last duration): a run ends when its last cell does, and a long
 * cell started late leaves the other cores idle while it finishes.
 */
const file = () => join(cacheDir(), 'timings.json');

export function loadTimings(): Map<string, number> {
  try {
    const data = existsSync(file()) ? (JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>) : {};
    return new Map(Object.entries(data).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    // An unreadable file only costs the ordering: the run starts in plan order and rewrites it.
    return new Map();
  }
}

/** Cells never timed first, in plan order (any may be long), then the timed ones, longest first. */
export function longestFirst<T extends { key: string }>(cells: T[], timings: Map<string, number>): T[] {
  const unknown = cells.filter((c) => !timings.has(c.key));
  const known = cells.filter((c) => timings.has(c.key)).sort((a, b) => timings.get(b.key)! - timings.get(a.key)!);
  return [...unknown, ...known];
}

/** Merges this run's times into the file (another run's entries stay). */
export function saveTimings(times: Map<string, number>): void {
  if (!times.size) return;
  const all = loadTimings();
  for (const [k, ms] of times) all.set(k, ms);
  writeAtomic(file(), JSON.stringify(Object.fromEntries(all)));
}
