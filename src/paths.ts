import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Tools and builds live outside the clone so that a fresh clone (CI) reuses them. */
export function cacheDir(): string {
  return resolve(process.env.WASI_MATRIX_CACHE ?? join(homedir(), '.cache', 'wasi-matrix'));
}
