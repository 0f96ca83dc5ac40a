import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, realpath, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSha256, sha256 } from './hash.ts';
import { cacheDir } from './paths.ts';

/** A folder a runtime made once from an artifact (transpiled JS, precompiled code), kept in the cache. */
export interface Prepared {
  dir: string;
  key: string;
  /** How long making it took, when this call made it; absent when it came from the cache. */
  madeMs?: number;
}

const pending = new Map<string, Promise<Prepared>>();

/**
 * The folder `<cache>/<kind>/<key>`, key = hash of `parts` (which must name every input the
 * contents depend on: artifact hash, tool version, options). Made at most once per process,
 * and atomically across processes (a temporary folder renamed into place), so concurrent
 * cells of one artifact, or other checkouts sharing the cache, never see half a folder.
 */
export function prepared(kind: string, parts: unknown, make: (dir: string) => Promise<void>): Promise<Prepared> {
  const key = sha256(JSON.stringify(parts));
  const dir = join(cacheDir(), kind, key);
  let p = pending.get(dir);
  if (!p) {
    p = (async () => {
      if (existsSync(dir)) return { dir, key };
      const started = performance.now();
      const tmp = join(cacheDir(), kind, `.tmp-${key.slice(0, 12)}-${randomBytes(6).toString('hex')}`);
      await mkdir(tmp, { recursive: true });
      try {
        await make(tmp);
        await rename(tmp, dir);
      } catch (e) {
        await rm(tmp, { recursive: true, force: true });
        // Another process made it first: theirs is as good as ours.
        if (existsSync(dir)) return { dir, key };
        throw e;
      }
      return { dir, key, madeMs: Math.round(performance.now() - started) };
    })();
    pending.set(dir, p);
    // A failure is not remembered: the next cell may try again.
    p.catch(() => pending.delete(dir));
  }
  return p;
}

/**
 * WASI_MATRIX_COLD=1: every cell starts its runtime as a user would, with no prepared folder and
 * no warm host (what the fast paths are compared with).
 */
export const coldOnly = () => process.env.WASI_MATRIX_COLD === '1';

const shas = new Map<string, Promise<string>>();
/** An artifact's hash, once per process: artifacts live in the content-addressed build cache. */
export async function artifactSha(path: string): Promise<string> {
  const real = await realpath(path);
  let p = shas.get(real);
  if (!p) shas.set(real, (p = fileSha256(real)));
  return p;
}
