import { describe, expect, test } from 'vitest';
import { renderBcd } from '../src/report/bcd.ts';
import { diffColumns, diffResults, renderDiff } from '../src/report/diff.ts';
import { transitions } from '../src/report/history.ts';
import { renderJunit } from '../src/report/junit.ts';
import { cellText, table } from '../src/report/markdown.ts';
import { migrationCost } from '../src/report/migration.ts';
import { coalesce, foldCell, grid, gridGet } from '../src/report/model.ts';
import { latestResults } from '../src/report/runs.ts';
import { result, run } from './fixtures/results.ts';

describe('folding a cell', () => {
  test('the best passing target wins: higher WASI first, native before adapter', () => {
    const c = foldCell([
      result('cli/a|c|p1|rt', 'PASS'),
      result('cli/a|c|p2+adapter|rt', 'PASS'),
      result('cli/a|c|p2|rt', 'PASS'),
      result('cli/a|c|p3|rt', 'FAIL'),
    ]);
    expect(c).toMatchObject({ status: 'PASS', target: 'p2', passed: 2, total: 2 });
  });

  test('a target passes only if all its results pass; otherwise the closest status shows', () => {
    const c = foldCell([result('cli/a|c|p1|rt', 'PASS'), result('cli/b|c|p1|rt', 'FAIL'), result('cli/a|c|p2|rt', 'UNSUPPORTED')]);
    expect(c).toMatchObject({ status: 'FAIL', target: 'p1', keys: ['cli/a|c|p1|rt', 'cli/b|c|p1|rt'] });
  });

  test('measured beats not measured', () => {
    expect(foldCell([result('cli/a|c|p2|rt', 'UNAVAILABLE'), result('cli/a|c|p1|rt', 'CRASH')]).status).toBe('CRASH');
  });
});

test('identical columns coalesce under a joined header', () => {
  const rs = [
    result('cli/a|c|p1|x', 'PASS'), result('cli/a|c|p1|y', 'PASS'), result('cli/a|c|p1|z', 'FAIL'),
    result('cli/a|go|p1|x', 'FAIL'), result('cli/a|go|p1|y', 'FAIL'), result('cli/a|go|p1|z', 'FAIL'),
  ];
  const g = grid(rs, (r) => r.language, (r) => r.runtimeLabel);
  expect(coalesce(g, cellText)).toEqual([{ header: 'x, y', columns: ['x', 'y'] }, { header: 'z', columns: ['z'] }]);
  expect(gridGet(g, 'go', 'z')?.status).toBe('FAIL');
  expect(table(g, 'language')).toContain('| language | x, y | z |');
});

test('the newest result of each cell wins across runs', () => {
  const a = run('a', '2026-01-01T00:00:00Z', [result('cli/a|c|p1|x', 'FAIL'), result('cli/b|c|p1|x', 'PASS')]);
  const b = run('b', '2026-01-02T00:00:00Z', [result('cli/a|c|p1|x', 'PASS')]);
  const latest = latestResults([a, b]);
  expect(latest.map((r) => [r.key, r.status, r.runId])).toEqual([['cli/a|c|p1|x', 'PASS', 'b'], ['cli/b|c|p1|x', 'PASS', 'a']]);
});

describe('history and diff', () => {
  const r42 = result('cli/a|c|p2|wasmtime@42.0.1', 'CRASH', { reason: 'missing import' });
  const r49 = result('cli/a|c|p2|wasmtime@49.0.3', 'PASS');

  test('an upgrade between runs that starts a cell passing is a transition at the new version', () => {
    const r48 = result('cli/a|c|p2|wasmtime@48.0.2', 'FAIL');
    const t = transitions([run('a', '2026-01-01T00:00:00Z', [r42, r48]), run('b', '2026-01-02T00:00:00Z', [r42, r49])]);
    expect(t).toEqual([expect.objectContaining({ line: 'cli/a|c|p2|wasmtime', from: 'FAIL', to: 'PASS', runtimeVersion: '49.0.3', runId: 'b' })]);
  });

  test('older columns inside a run do not make transitions; repeating a run makes none', () => {
    expect(transitions([run('a', '2026-01-01T00:00:00Z', [r42, r49]), run('b', '2026-01-02T00:00:00Z', [r49, r42])])).toEqual([]);
  });

  test('two columns of one run diff into improved cells, with the old reason', () => {
    const d = diffColumns([r42, r49, result('cli/b|c|p2|wasmtime@49.0.3', 'PASS')], 'wasmtime@42.0.1', 'wasmtime@49.0.3');
    expect(d.map((e) => [e.change, e.line])).toEqual([['improved', 'cli/a|c|p2|wasmtime'], ['added', 'cli/b|c|p2|wasmtime']]);
    expect(renderDiff(d, 't')).toMatch(/improved: cli\/a\|c\|p2\|wasmtime: CRASH @42\.0\.1 → PASS @49\.0\.3 — missing import/);
  });

  test('regressed and removed', () => {
    const d = diffResults([result('cli/a|c|p1|x', 'PASS'), result('cli/b|c|p1|x', 'PASS')], [result('cli/a|c|p1|x', 'TIMEOUT')]);
    expect(d.map((e) => e.change)).toEqual(['regressed', 'removed']);
  });
});

test('BCD-shaped JSON: oldest passing version, flags, partial support and notes', () => {
  const rs = [
    result('cli/a|c|p3|wasmtime@42.0.1', 'CRASH'),
    result('cli/a|c|p3|wasmtime@46.0.0', 'PASS', { run: { argv: [], flags: ['-Sp3'], notes: [], timeoutMs: 1 } }),
    result('cli/a|c|p3|wasmtime@49.0.3', 'PASS'),
    result('cli/a|go|p1|wasmtime@49.0.3', 'UNAVAILABLE'),
  ];
  const bcd = renderBcd(rs, { 'cli.x': 'a feature' }, 'now') as { features: Record<string, { __compat: { support: Record<string, Record<string, unknown>> } }> };
  const support = bcd.features['cli.x']!.__compat.support;
  expect(support.wasmtime!.c).toMatchObject({ version_added: '46.0.0', flags: [{ type: 'runtime_flag', name: '-Sp3' }], partial_implementation: true });
  expect(support.wasmtime!.go).toMatchObject({ version_added: null });
});

test('JUnit: only surprises fail, not-measured cells are skipped', () => {
  const x = renderJunit([
    result('cli/a|c|p1|x', 'PASS'),
    result('cli/b|c|p1|x', 'FAIL', { outcome: 'xfail' }),
    result('cli/c|c|p1|x', 'CRASH', { stderr: 'boom <&>' }),
    result('cli/d|c|p2|x', 'UNSUPPORTED'),
  ]);
  expect(x).toContain('<testsuite name="cli" tests="4" failures="1" skipped="1"');
  expect(x).toContain('<failure message="CRASH: crash because" type="CRASH">boom &lt;&amp;&gt;</failure>');
});

test('migration cost: source delta against the p1 twin, tools, gained and lost cases', () => {
  const src = (sha: string, lines: number) => [{ path: 'g', sha256: sha, lines }];
  const build = (sha: string, tools: string[]) => ({
    ok: true, cacheKey: 'k', cached: false, toolchain: { language: 'py', version: '1' }, variant: 'native', tools, flags: [], steps: [],
    log: '', durationMs: 1, sources: src(sha, 2), artifact: { path: 'a', sha256: 's', bytes: 2048 },
  });
  const rs = [
    result('cli/exit-0|py|p1|x', 'PASS', { build: build('one', ['cc']) }),
    result('cli/other|py|p1|x', 'PASS', { build: build('one', ['cc']) }),
    result('cli/exit-0|py|p2|x', 'PASS', { build: build('two', ['cc', 'adapter']), run: { argv: [], flags: ['-S'], notes: [], timeoutMs: 1 } }),
    result('cli/other|py|p2|x', 'FAIL', { build: build('two', ['cc', 'adapter']) }),
  ];
  const runs = [{ ...run('r', 't', rs), sources: { one: ['a', 'b'], two: ['a', 'c'] } }];
  const [p1, p2] = migrationCost(rs, runs).get('py')!;
  expect(p1).toMatchObject({ target: 'p1', sourceDelta: 0, pass: 2, measured: 2 });
  expect(p2).toMatchObject({ target: 'p2', tools: ['cc', 'adapter'], sourceDelta: 2, flags: ['-S'], artifactBytes: 2048, coldStartMs: 10, lost: ['cli/other'] });
});

test('the terminal summary counts every target of a language × runtime cell', async () => {
  const { renderSummary } = await import('../src/summary.ts');
  const out = renderSummary([
    result('cli/a|c|p1|x', 'PASS'), result('cli/a|c|p2+adapter|x', 'FAIL'), result('cli/a|c|p3|x', 'UNSUPPORTED'),
    result('cli/a|go|p1|x', 'PASS'),
  ]);
  expect(out).toMatch(/^c\s+1P 1F 1U$/m);
  expect(out).toMatch(/^go\s+1P$/m);
  expect(out).toContain('cells: 4  PASS 2, FAIL 1, UNSUPPORTED 1');
});
