import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadWasiTestsuite } from '../src/external/wasi-testsuite.ts';
import { ROOT } from '../src/paths.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import type { Result } from '../src/types.ts';

// A suite in WebAssembly/wasi-testsuite's format, built here from our own C probe.
const SPECS: Record<string, unknown> = {
  args: { args: ['args', 'a', 'b c'], stdout: 'a b c\n' },
  env: { args: ['env'], env: { X: '42' }, stdout: '42\n' },
  exit: { args: ['exit', '3'], exit_code: 3 },
  stderr: { args: ['stderr'], stderr: 'err\n', stdout: '' },
  root: { args: ['root'], root: 'rootfs', stdout: 'root data\n' },
  dirs: { args: ['dirs'], dirs: ['fs-tests.dir'], stdout: 'dir data\n' },
  wrong: { args: ['args', 'x'], stdout: 'y\n' },
  unknown: { argz: [] },
  http: { world: 'wasi:http/service', operations: [{ type: 'request', method: 'GET', path: '/' }] },
};

async function makeSuite(): Promise<string | null> {
  const clang = await execa('clang-19', ['--version'], { reject: false });
  if (clang.exitCode !== 0) return null;
  const root = mkdtempSync(join(tmpdir(), 'wts-'));
  const dir = join(root, 'tests', 'c', 'testsuite', 'wasm32-wasip1');
  mkdirSync(join(dir, 'rootfs'), { recursive: true });
  mkdirSync(join(dir, 'fs-tests.dir'), { recursive: true });
  writeFileSync(join(dir, 'rootfs', 'data.txt'), 'root data\n');
  writeFileSync(join(dir, 'fs-tests.dir', 'data.txt'), 'dir data\n');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ name: 'WASI C fixture tests', version: 'wasm32-wasip1' }));
  const probe = join(root, 'probe.wasm');
  await execa('clang-19', ['--target=wasm32-wasi', '--sysroot=/usr', '-O2', join(ROOT, 'test', 'fixtures', 'wasi-testsuite', 'probe.c'), '-o', probe]);
  for (const [id, spec] of Object.entries(SPECS)) {
    copyFileSync(probe, join(dir, `${id}.wasm`));
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(spec));
  }
  copyFileSync(probe, join(dir, 'default.wasm'));
  copyFileSync(probe, join(dir, 'badjson.wasm'));
  writeFileSync(join(dir, 'badjson.json'), '{ "args": [');
  writeFileSync(join(dir, 'orphan.json'), '{}');
  return root;
}

describe('wasi-testsuite format', () => {
  let root: string | null = null;
  let results: Result[] = [];
  beforeAll(async () => {
    root = await makeSuite();
    if (!root) return;
    const plan = await makePlan({
      root: ROOT,
      filters: { suite: ['external:wasi-c-fixture-tests'], runtime: ['node-wasi', 'wasmtime@49', 'wasmer-js'] },
      external: [{ format: 'wasi-testsuite', path: join(root, 'tests') }],
    });
    results = (await runPlan(plan, { recordDir: mkdtempSync(join(tmpdir(), 'wts-runs-')) })).run.results;
  });

  test('the manifest names the suite, its target and its source language', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    const { suites, problems } = loadWasiTestsuite(join(root, 'tests'));
    expect(problems).toEqual([]);
    expect(suites).toMatchObject([{ name: 'WASI C fixture tests', target: 'p1', language: 'c' }]);
  });

  test('every cli key works on every p1 runtime: args, env, exit_code, stdout, stderr, root, dirs, defaults', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    for (const id of ['args', 'env', 'exit', 'stderr', 'root', 'dirs', 'default']) {
      const rs = results.filter((r) => r.case === id);
      expect(rs.map((r) => r.runtime).sort(), id).toEqual(['node-wasi', 'wasmer-js', 'wasmtime']);
      for (const r of rs.filter((x) => !(['root', 'dirs'].includes(x.case) && x.runtime === 'wasmer-js'))) {
        expect(r.status, `${r.key}: ${r.reason} ${r.stderr}`).toBe('PASS');
      }
    }
  });

  test('root and dirs layouts are a real difference on @wasmer/sdk, whose files live under /workspace', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    const root_ = results.find((x) => x.case === 'root' && x.runtime === 'wasmer-js')!;
    expect(root_.status).toBe('FAIL');
    expect(root_.run?.notes.join(' ')).toContain('preopen / placed at /workspace');
    const dirs = results.find((x) => x.case === 'dirs' && x.runtime === 'wasmer-js')!;
    expect(dirs.status).toBe('FAIL');
    expect(dirs.run?.notes.join(' ')).toContain('preopen fs-tests.dir placed at /workspace/fs-tests.dir');
  });

  test('a test whose output differs fails, naming the difference', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    for (const r of results.filter((x) => x.case === 'wrong')) {
      expect(r.status).toBe('FAIL');
      expect(r.reason).toContain('stdout "x\\n" is not "y\\n"');
    }
  });

  test('each test gets a fresh copy of its tree: the suite itself is never written', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    expect(existsSync(join(root, 'tests', 'c', 'testsuite', 'wasm32-wasip1', 'fs-tests.dir', 'written.txt'))).toBe(false);
  });

  test('malformed specs are ERROR cells naming the file, and the rest of the suite still runs', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    const reason = (id: string) => results.find((r) => r.case === id)?.reason ?? '';
    expect(results.filter((r) => ['badjson', 'unknown', 'orphan', 'http'].includes(r.case)).every((r) => r.status === 'ERROR')).toBe(true);
    expect(reason('badjson')).toMatch(/badjson\.json: .*JSON/);
    expect(reason('unknown')).toMatch(/unknown\.json: .*argz/);
    expect(reason('orphan')).toMatch(/orphan\.json: no orphan\.wasm beside it/);
    expect(reason('http')).toMatch(/http\.json: wasi:http\/service/);
    expect(results.filter((r) => r.status === 'PASS').length).toBe(7 * 3 - 2);
  });
});
