import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildGuest, type BuildStats } from '../src/build.ts';
import { buildKey, type BuildKeyInput } from '../src/hash.ts';
import { ROOT } from '../src/paths.ts';
import { loadToolchain } from '../src/plugins.ts';
import { locate } from '../src/sources.ts';

describe('build cache keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keys-'));
  const a = join(dir, 'a.c');
  const b = join(dir, 'b.h');
  writeFileSync(a, 'int main(void) { return 0; }\n');
  writeFileSync(b, '#define X 1\n');
  const base: BuildKeyInput = { language: 'c', toolchainVersion: '19.1.7', target: 'p1', flags: ['-O2'], files: [a, b], root: dir };

  test('the same inputs give the same key, whatever the file order', async () => {
    expect(await buildKey(base)).toBe(await buildKey({ ...base, files: [b, a] }));
  });

  test.for([
    ['toolchain version', { toolchainVersion: '19.1.8' }],
    ['target', { target: 'p2' }],
    ['flags', { flags: ['-O0'] }],
    ['language', { language: 'rust' }],
  ] as [string, Partial<BuildKeyInput>][])('changing the %s changes the key', async ([, change]) => {
    expect(await buildKey({ ...base, ...change })).not.toBe(await buildKey(base));
  });

  test('changing a source byte changes the key', async () => {
    const before = await buildKey(base);
    writeFileSync(b, '#define X 2\n');
    expect(await buildKey(base)).not.toBe(before);
  });
});

describe('build cache with the real C toolchain', () => {
  const saved = process.env.WASI_MATRIX_CACHE;
  beforeAll(() => {
    process.env.WASI_MATRIX_CACHE = mkdtempSync(join(tmpdir(), 'cache-'));
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.WASI_MATRIX_CACHE;
    else process.env.WASI_MATRIX_CACHE = saved;
  });

  test('a second build of unchanged inputs performs 0 builds and returns the same artifact', async (ctx) => {
    const c = await loadToolchain(ROOT, 'c');
    const where = locate({ kind: 'apt', packages: [] });
    const d = await c.detect(where);
    if (!d.available) return ctx.skip(`C toolchain unavailable: ${d.reason}`);
    const stats: BuildStats = { built: 0, cached: 0 };
    const what = { guest: 'random', target: 'p1', variant: 'native' };
    const spec = { kind: 'module' as const };
    const first = await buildGuest(c, where, d.version, what, spec, ROOT, stats);
    expect(first.ok).toBe(true);
    expect(stats).toEqual({ built: 1, cached: 0 });
    const second = await buildGuest(c, where, d.version, what, spec, ROOT, stats);
    expect(stats).toEqual({ built: 1, cached: 1 });
    expect(second.cached).toBe(true);
    expect(second.artifact?.sha256).toBe(first.artifact?.sha256);
    expect(first.steps[0]?.argv.join(' ')).toContain('--target=wasm32-wasi');
  });
});
