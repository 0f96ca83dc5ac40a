import { readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from './paths.ts';

/** Scratch folders carry their owner's pid (`<prefix><pid>-…`): one whose owner is gone is stale. */
export const scratchPrefix = 'wasi-matrix-';
export const buildTmpPrefix = '.tmp-';
const DAY_MS = 86_400_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function sweep(dir: string, prefix: string): Promise<number> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const stale = names.filter((n) => {
    if (!n.startsWith(prefix)) return false;
    const pid = Number(/^(\d+)-/.exec(n.slice(prefix.length))?.[1]);
    if (Number.isInteger(pid) && pid > 0) return !alive(pid);
    // Named before owners were recorded: stale once a day old.
    try {
      return Date.now() - statSync(join(dir, n)).mtimeMs > DAY_MS;
    } catch {
      return false;
    }
  });
  await Promise.all(stale.map((n) => rm(join(dir, n), { recursive: true, force: true })));
  return stale.length;
}

/** Removes what killed runs left: their scratch dirs and half-made builds. Returns how many. */
export async function sweepStale(): Promise<number> {
  return (await sweep(tmpdir(), scratchPrefix)) + (await sweep(join(cacheDir(), 'builds'), buildTmpPrefix));
}
