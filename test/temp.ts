import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system temp dir, removed when the test file is done. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Points WASI_MATRIX_CACHE at a fresh folder for the enclosing suite, so tests never touch the real cache. */
export function privateCache(): void {
  const saved = process.env.WASI_MATRIX_CACHE;
  beforeAll(() => {
    process.env.WASI_MATRIX_CACHE = tempDir('cache-');
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.WASI_MATRIX_CACHE;
    else process.env.WASI_MATRIX_CACHE = saved;
  });
}
