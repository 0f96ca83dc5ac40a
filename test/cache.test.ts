import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildGuest, type BuildStats } from '../src/build.ts';
import { buildKey, type BuildKeyInput } from '../src/hash.ts';
import { ROOT } from '../src/paths.ts';
import { loadToolchain } from '../src/plugins.ts';
import { locate } from '../src/sources.ts';
import { privateCache } from './temp.ts';

describe('build cache keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
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

/** A build cache of the test's own, removed after it. */
describe('build cache with the real C toolchain', () => {
  privateCache();

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

/** The wat toolchain (jco's wasm-tools), detected: the quickest real builds to wrap. */
async function watToolchain() {
  const wat = await loadToolchain(ROOT, 'wat');
  const where = locate({ kind: 'npm', package: '@bytecodealliance/jco' });
  const d = await wat.detect(where);
  if (!d.available) throw new Error(d.reason);
  return { wat, where, d };
}

describe('the build cache verifies what it serves (wat guests, parsed by jco)', () => {
  privateCache();
  const what = { guest: 'hang', target: 'p1', variant: 'native' };
  const spec = { kind: 'module' as const };
  const build = async (stats: BuildStats) => {
    const { wat, where, d } = await watToolchain();
    return buildGuest(wat, where, d.version, what, spec, ROOT, stats);
  };

  test.for([
    ['a truncated artifact', (artifact: string) => truncateSync(artifact, 5), /artifact is 5 bytes, its record says \d+/],
    ['a substituted artifact of the same size', (artifact: string) => writeFileSync(artifact, Buffer.alloc(readFileSync(artifact).length, 1)), /sha256 .* is not the recorded/],
    ['a deleted artifact', (artifact: string) => rmSync(artifact), /artifact is missing/],
    ['a corrupt record.json', (artifact: string) => writeFileSync(join(artifact, '..', 'record.json'), '{"ok": tru'), /record\.json unreadable/],
    ['a record.json of another shape', (artifact: string) => writeFileSync(join(artifact, '..', 'record.json'), '[]'), /not a build record/],
  ] as const)('%s is rebuilt, and the build says why', async ([, damage, why]) => {
    const stats: BuildStats = { built: 0, cached: 0 };
    const first = await build(stats);
    expect(first.ok).toBe(true);
    damage(first.artifact!.path);
    const second = await build(stats);
    expect(second.cached).toBe(false);
    expect(second.rebuilt).toMatch(why);
    expect(second.artifact?.sha256).toBe(first.artifact?.sha256);
    expect(readFileSync(second.artifact!.path).length).toBe(first.artifact!.bytes);
    const third = await build(stats);
    expect(third.cached).toBe(true);
    expect(third.rebuilt).toBeUndefined();
  });
});

describe('argsBefore: arguments a toolchain puts before the case\'s own', () => {
  privateCache();

  test('the record keeps them, fresh and from the cache', async () => {
    const { wat, where, d } = await watToolchain();
    const told = { ...wat, build: async (...a: Parameters<typeof wat.build>) => ({ ...(await wat.build(...a)), argsBefore: ['-e', 'puts 1'] }) };
    const stats: BuildStats = { built: 0, cached: 0 };
    const what = { guest: 'hang', target: 'p1', variant: 'native' };
    const first = await buildGuest(told, where, d.version, what, { kind: 'module' }, ROOT, stats);
    const second = await buildGuest(told, where, d.version, what, { kind: 'module' }, ROOT, stats);
    expect(stats).toEqual({ built: 1, cached: 1 });
    expect(first.argsBefore).toEqual(['-e', 'puts 1']);
    expect(second.argsBefore).toEqual(['-e', 'puts 1']);
  });
});

describe('a build step killed at its limit', () => {
  privateCache();

  test('fails the build and is never cached: the next build tries again', async () => {
    const { wat, where, d } = await watToolchain();
    const slow = { ...wat, build: async (...a: Parameters<typeof wat.build>) => { await a[1].exec('sleep', ['5']); return wat.build(...a); } };
    const stats: BuildStats = { built: 0, cached: 0 };
    const what = { guest: 'hang', target: 'p1', variant: 'native' };
    process.env.WASI_MATRIX_BUILD_STEP_MS = '300';
    try {
      const first = await buildGuest(slow, where, d.version, what, { kind: 'module' }, ROOT, stats);
      expect(first.ok).toBe(false);
      expect(first.log).toContain('sleep was killed after 0.3 s');
      const second = await buildGuest(slow, where, d.version, what, { kind: 'module' }, ROOT, stats);
      expect(second.cached).toBe(false);
      expect(stats).toEqual({ built: 2, cached: 0 });
    } finally {
      delete process.env.WASI_MATRIX_BUILD_STEP_MS;
    }
  });
});
