import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { benchPerf, mergePerf, type PerfBench } from '../src/bench-perf.ts';
import { loadCases } from '../src/cases.ts';
import { ROOT } from '../src/paths.ts';
import { renderClaims } from '../src/report/claims.ts';
import { readRun } from '../src/results.ts';
import type { RunFile } from '../src/types.ts';

// The perf suite is not in npm test's suites (it is slow): one small slice of it here checks that figures are
// recorded and answers checked — the smallest kernel and the empty main, C, on one wasmtime column.
// No timing is asserted: speed is npm run bench's to report.
describe('npm run bench -- --suite=perf (one slice)', () => {
  let bench: PerfBench;
  let run: RunFile;
  beforeAll(async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'perf-'));
    bench = await benchPerf({ root: ROOT, filters: { language: ['c'], runtime: ['wasmtime@49'], target: ['p1'], case: ['perf/empty', 'perf/hash'] }, runsDir, budgetMs: 1, log: () => {} });
    run = readRun(join(runsDir, bench.runFile));
  });

  test('each kernel computed the right checksum, in Wasm and natively', () => {
    const hash = run.results.find((r) => r.case === 'hash')!;
    expect(hash.status, hash.reason).toBe('PASS');
    expect(hash.stdout).toMatch(/^ok checksum$/m);
    const native = bench.natives.find((n) => n.guest === 'perf-hash')!;
    expect(native.unavailable).toBeUndefined();
    expect(native.bytes).toBeGreaterThan(0);
  });

  test('the timed command line is the one the matrix ran, and figures sit beside the verdict', () => {
    expect(bench.cells.map((c) => c.case).sort()).toEqual(['empty', 'hash']);
    for (const c of bench.cells) {
      expect(c.skipped).toBeUndefined();
      expect(c.sameArgv, c.argv.join(' ')).toBe(true);
      // wasmtime's other ways to start are timed on the cold-start case.
      expect(Object.keys(c.timings)).toEqual(expect.arrayContaining(['native', 'runtime', ...(c.case === 'empty' ? ['precompiled'] : [])]));
      expect(c.size).toBe('full');
      expect(c.timings.runtime!.runs).toBeGreaterThanOrEqual(2);
      expect(c.ratios.runtime).toBeGreaterThan(0);
      expect(c.rssKiB.runtime).toBeGreaterThan(0);
      expect(run.results.find((r) => r.key === c.key)!.perf?.ratios).toEqual(c.ratios);
    }
  });

  test('the claims page quotes every claim and renders a chart from the figures', () => {
    const { md, svgs } = renderClaims(bench, run.results);
    for (const q of ['cold start < 1 ms on a native runtime', 'CPU-bound code runs 1.1–1.3× slower than native', '95% of native speed', '< 1 MB idle memory',
      '85% smaller images', 'Go needs TinyGo', 'Python is browser-only via Pyodide', 'Java has no WASI target', 'no threads in WASI', 'network I/O trails']) {
      expect(md).toContain(`| "${q}" |`);
    }
    expect(md).toMatch(/\| "cold start < 1 ms on a native runtime" \|.*wasmtime@49.*\| \*\*(holds|doesn't|depends)\*\* \|/);
    expect(svgs['claims/cpu-overhead.svg']).toMatch(/^<svg[\s\S]*wasmtime@49[\s\S]*<\/svg>\n$/);
  });
});

describe('a smaller workload for a slow runtime', () => {
  test('the case\'s size is the argv of the run, recorded beside the verdict, and native ran at it too', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'perf-'));
    const k = loadCases(ROOT, ['perf'], new Set(['p1', 'p2', 'p3'])).find((c) => c.id === 'hash')!;
    const tiny = k.sizes!.tiny!;
    const bench = await benchPerf({ root: ROOT, filters: { language: ['c'], runtime: ['wasmtime@49'], target: ['p1'], case: ['perf/hash'] }, runsDir, size: 'tiny', runs: 2, log: () => {} });
    const [c] = bench.cells;
    expect(c!.size).toBe('tiny');
    expect(c!.argv.slice(-tiny.length)).toEqual(tiny);
    expect(c!.timings.native).toBeDefined();
    expect(bench.runs.map((r) => r.size)).toEqual(['tiny']);
    const r = readRun(join(runsDir, bench.runFile)).results[0]!;
    expect(r.status, r.reason).toBe('PASS');
    expect(r.run!.argv.slice(-tiny.length)).toEqual(tiny);
    expect(r.perf?.size).toBe('tiny');
  });

  test('a size no case declares is refused before anything runs', async () => {
    await expect(benchPerf({ root: ROOT, filters: { language: ['c'], runtime: ['wasmtime@49'], target: ['p1'], case: ['perf/hash'] }, runsDir: mkdtempSync(join(tmpdir(), 'perf-')), size: 'huge', log: () => {} }))
      .rejects.toThrow('perf/hash has no size "huge"');
  });
});

describe('perf benches add up', () => {
  const run = (id: string) => ({ at: id, runId: id, runFile: `${id}.json`, cores: 2, loadavg: { before: [1], after: [1] }, tools: { hyperfine: 'h', time: 't' } });
  const cell = (key: string, runId: string) => ({
    key, suite: 'perf', case: 'hash', language: 'c', target: 'p1', features: ['perf.cpu-int'], runtime: 'wasmtime', runtimeLabel: 'wasmtime@49.0.3',
    runtimeVersion: '49.0.3', artifactBytes: 1, size: 'full', argv: [], sameArgv: true, timings: {}, ratios: { runtime: 1.2 }, rssKiB: {}, runId,
  });
  const bench = (id: string, cells: string[], untimed: string[] = []): PerfBench => ({
    ...run(id), runs: [run(id)], natives: [], cells: cells.map((k) => cell(k, id)), untimed: untimed.map((key) => ({ key, status: 'FAIL', reason: 'x' })),
  });

  test('a new bench replaces the cells it measured, keeps the others, and drops cells that now fail', () => {
    const m = mergePerf(bench('a', ['k1', 'k2', 'k3']), bench('b', ['k2'], ['k3']));
    expect(m.cells.map((c) => [c.key, c.runId])).toEqual([['k1', 'a'], ['k2', 'b']]);
    expect(m.untimed.map((u) => u.key)).toEqual(['k3']);
    expect(m.runs.map((r) => r.runId)).toEqual(['a', 'b']);
  });
});
