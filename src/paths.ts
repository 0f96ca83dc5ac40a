import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Tools and builds live outside the clone so that a fresh clone (CI) reuses them. */
export function cacheDir(): string {
  return resolve(process.env.WASI_MATRIX_CACHE ?? join(homedir(), '.cache', 'wasi-matrix'));
}

/** A HOME for a runtime's own caches (compiled code), the same whoever runs the matrix. */
export function runtimeHome(runtime: string): string {
  const dir = join(cacheDir(), 'home', runtime);
  mkdirSync(dir, { recursive: true });
  return dir;
}
