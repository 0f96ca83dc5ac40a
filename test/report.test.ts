import { describe, expect, test } from 'vitest';
import { renderBcd } from '../src/report/bcd.ts';
import { diffColumns, diffResults, renderDiff } from '../src/report/diff.ts';
import { transitions } from '../src/report/history.ts';
import { renderJunit } from '../src/report/junit.ts';
import { cellText, renderMarkdown, table } from '../src/report/markdown.ts';
import { migrationCost, referenceColumn } from '../src/report/migration.ts';
import type { GrantRules } from '../src/report/switches.ts';
import type { Result } from '../src/types.ts';
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

  test('two columns of one runtime are both compared between runs', () => {
    const before = [result('cli/a|c|p1|wasmtime@42.0.1', 'PASS'), result('cli/a|c|p1|wasmtime@49.0.3', 'PASS')];
    const after = [result('cli/a|c|p1|wasmtime@42.0.1', 'PASS'), result('cli/a|c|p1|wasmtime@49.0.3', 'FAIL')];
    expect(diffResults(before, after).map((e) => [e.change, e.line])).toEqual([['regressed', 'cli/a|c|p1|wasmtime@49.0.3']]);
    expect(diffResults(after, before).map((e) => e.change)).toEqual(['improved']);
  });

  test('a column upgraded between runs is compared with its predecessor', () => {
    const d = diffResults([result('cli/a|c|p1|wasmtime@49.0.3', 'PASS')], [result('cli/a|c|p1|wasmtime@50.0.0', 'CRASH')]);
    expect(d).toEqual([expect.objectContaining({ change: 'regressed', line: 'cli/a|c|p1|wasmtime', before: expect.objectContaining({ version: '49.0.3' }), after: expect.objectContaining({ version: '50.0.0' }) })]);
  });

  test('regressed and removed', () => {
    const d = diffResults([result('cli/a|c|p1|x', 'PASS'), result('cli/b|c|p1|x', 'PASS')], [result('cli/a|c|p1|x', 'TIMEOUT')]);
    expect(d.map((e) => e.change)).toEqual(['regressed', 'removed']);
  });
});

describe('BCD-shaped compat.json', () => {
  const rules: GrantRules = { wasmtime: [{ need: 'network', template: '-Sinherit-network' }, { need: 'listener', template: '-Stcplisten=127.0.0.1:${port}' }] };
  const run = (flags: string[]) => ({ run: { argv: [], flags, notes: [], timeoutMs: 1 } });
  type Doc = Record<string, Record<string, { __compat: { support: Record<string, unknown> } } & Record<string, { __compat: { support: Record<string, unknown> } }>>>;
  const render = (rs: Result[]) => renderBcd({ results: rs, features: { 'cli.x': 'a feature' }, runs: [], rules, version: '1', timestamp: 'now', changelog: [] }) as Doc;

  test('support that came and went: one statement per range, version_removed at the first version without it', () => {
    const rs = [
      result('cli/a|wat|p1|wasmtime@40.0.0', 'CRASH'),
      result('cli/a|wat|p1|wasmtime@42.0.1', 'PASS', run(['-Wthreads', '-Sthreads'])),
      result('cli/a|wat|p1|wasmtime@46.0.0', 'PASS'),
      result('cli/a|wat|p1|wasmtime@49.0.3', 'CRASH', { reason: 'unknown import' }),
    ];
    const s = render(rs).cli!.x!.__compat.support.wasmtime;
    expect(s).toEqual([
      { version_added: '46.0.0', version_removed: '49.0.3' },
      { version_added: '42.0.1', version_removed: '46.0.0', flags: [{ type: 'runtime_flag', name: '-Sthreads' }, { type: 'runtime_flag', name: '-Wthreads' }] },
    ]);
  });

  test('capability grants are not flags; they are kept apart, without run-specific values', () => {
    const rs = [result('cli/a|c|p1|wasmtime@49.0.3', 'PASS', run(['-Sinherit-network', '-Stcplisten=127.0.0.1:33041', '-Wgc']))];
    const doc = render(rs) as unknown as { cli: Doc[string]; __wasi_matrix: { grants: unknown } };
    expect(doc.cli.x!.__compat.support.wasmtime).toMatchObject({ version_added: '49.0.3', flags: [{ type: 'runtime_flag', name: '-Wgc' }] });
    expect(doc.__wasi_matrix.grants).toEqual({ 'cli.x': { wasmtime: ['-Sinherit-network', '-Stcplisten=127.0.0.1:<port>'] } });
  });

  test('a record of grants in the run file wins over the adapters\' declarations', () => {
    const rs = [result('cli/a|c|p1|wasmtime@49.0.3', 'PASS', { run: { argv: [], flags: ['-Sinherit-network', '-Sp3'], grants: ['-Sp3'], notes: [], timeoutMs: 1 } })];
    expect(render(rs).cli!.x!.__compat.support.wasmtime).toMatchObject({ flags: [{ type: 'runtime_flag', name: '-Sinherit-network' }] });
  });

  test('partial_implementation only when the feature\'s own checks partly fail on that version', () => {
    const other = [
      result('cli/a|c|p1|jco', 'PASS'), result('cli/b|c|p1|jco', 'PASS'),
      // Another language failing on the same version says nothing about the runtime.
      result('cli/a|go|p1|jco', 'FAIL', { checks: { passed: 0, total: 2, failed: [] } }), result('cli/b|go|p1|jco', 'CRASH'),
      result('cli/a|c|p1|node-wasi', 'PASS'),
      result('cli/b|c|p1|node-wasi', 'FAIL', { checks: { passed: 1, total: 2, failed: [{ name: 'escape-dotdot', detail: 'opened' }] } }),
    ];
    const doc = render(other).cli!.x!;
    expect(doc.__compat.support.jco).toEqual({ version_added: true });
    expect(doc.__compat.support['node-wasi']).toEqual({ version_added: true, partial_implementation: true, notes: 'Fails: b: escape-dotdot (opened)' });
    expect(doc.go!.__compat.support.jco).toMatchObject({ version_added: false });
  });

  test('a version per run and a changelog of what the newest run changed', () => {
    const changelog = [{ line: 'cli/a|c|p1|x', at: 't', runId: 'r', from: 'PASS' as const, to: 'FAIL' as const, runtimeVersion: '1', toolchainVersion: null, reason: 'broke' }];
    const doc = renderBcd({ results: [result('cli/a|c|p1|x', 'FAIL')], features: { 'cli.x': 'x' }, runs: [], rules, version: '0.1.0+r', timestamp: 'now', changelog }) as {
      __meta: { version: string }; __wasi_matrix: { changelog: unknown[] };
    };
    expect(doc.__meta.version).toBe('0.1.0+r');
    expect(doc.__wasi_matrix.changelog).toEqual([{ cell: 'cli/a|c|p1|x', from: 'PASS', to: 'FAIL', runtimeVersion: '1', toolchainVersion: null, reason: 'broke' }]);
  });

  test('not measured is null, with the reason', () => {
    const s = render([result('cli/a|go|p1|wasmtime@49.0.3', 'UNAVAILABLE')]).cli!.x!.__compat.support.wasmtime;
    expect(s).toEqual({ version_added: null, notes: 'wasmtime@49.0.3: UNAVAILABLE: unavailable because' });
  });
});

test('the markdown names each run\'s commit and dirty tree, and gives external suites rows of their own', () => {
  const ext = result('external:wts/t|rust|p1|x', 'FAIL', { features: ['cli.x'] });
  const ours = result('cli/a|rust|p1|x', 'PASS', { features: ['cli.x'] });
  const r1 = run('r1', '2026-01-01T00:00:00Z', [ours]);
  const r2 = { ...run('r2', '2026-01-02T00:00:00Z', [ext]), provenance: { ...run('r2', '2026-01-02T00:00:00Z', []).provenance, gitSha: 'feedbeef00aa', gitDirty: true } };
  const results = latestResults([r1, r2]);
  const md = renderMarkdown({ runs: [r1, r2], results, features: { 'cli.x': 'x' }, history: [], migration: migrationCost(results, [r1, r2], {}, 'x'), shared: [], rules: {}, reference: 'x' });
  expect(md).toContain('| r2 | 2026-01-02T00:00 | feedbeef00 | dirty | all | 1 |');
  expect(md).toContain('| r1 | 2026-01-01T00:00 | abc | clean | all | 1 |');
  expect(md).toMatch(/1 of 2 run\(s\) were made from a tree with uncommitted changes/);
  expect(md).toMatch(/^\| external:wts \(rust\) \| FAIL p1 1\/2 \|$/m);
  expect(md).toMatch(/^\| rust \| PASS p1 2\/2 \|$/m);
  expect(md).toContain('### external:wts (rust)');
  expect([...migrationCost(results, [r1, r2], {}, 'x').values()].flat().map((r) => r.reference)).toEqual([{ runtime: 'x', pass: 1, measured: 1 }]);
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

test('migration cost: source delta against the p1 twin, tools, switches apart from grants, counts per runtime and on the reference', () => {
  const src = (sha: string, lines: number) => [{ path: 'g', sha256: sha, lines }];
  const build = (sha: string, tools: string[]) => ({
    ok: true, cacheKey: 'k', cached: false, toolchain: { language: 'py', version: '1' }, variant: 'native', tools, flags: [], steps: [],
    log: '', durationMs: 1, sources: src(sha, 2), artifact: { path: 'a', sha256: 's', bytes: 2048 },
  });
  const flags = (f: string[]) => ({ run: { argv: [], flags: f, notes: [], timeoutMs: 1 } });
  const rs = [
    result('cli/exit-0|py|p1|x', 'PASS', { build: build('one', ['cc']) }),
    result('cli/other|py|p1|x', 'PASS', { build: build('one', ['cc']) }),
    result('cli/exit-0|py|p2|x', 'PASS', { build: build('two', ['cc', 'adapter']), ...flags(['-S', '-Stcplisten=127.0.0.1:40000']) }),
    result('cli/other|py|p2|x', 'FAIL', { build: build('two', ['cc', 'adapter']) }),
    // A second runtime passing everything must not change the counts read on the reference.
    result('cli/exit-0|py|p2|y', 'PASS', { build: build('two', ['cc', 'adapter']) }),
    result('cli/other|py|p2|y', 'PASS', { build: build('two', ['cc', 'adapter']) }),
    // External suites are not a language of ours.
    result('external:wts/t|py|p1|x', 'FAIL', { build: { ...build('three', []), toolchain: { language: 'py', version: 'prebuilt' } } }),
  ];
  const runs = [{ ...run('r', 't', rs), sources: { one: ['a', 'b'], two: ['a', 'c'] } }];
  const rules: GrantRules = { x: [{ need: 'listener', template: '-Stcplisten=127.0.0.1:${port}' }] };
  const [p1, p2] = migrationCost(rs, runs, rules, 'x').get('py')!;
  expect(p1).toMatchObject({ target: 'p1', sourceDelta: 0, reference: { runtime: 'x', pass: 2, measured: 2 }, byRuntime: [{ runtime: 'x', pass: 2, measured: 2 }] });
  expect(p2).toMatchObject({
    target: 'p2', tools: ['cc', 'adapter'], sourceDelta: 2, switches: ['-S'], grants: ['-Stcplisten=127.0.0.1:<port>'], artifactBytes: 2048, coldStartMs: 10,
    reference: { runtime: 'x', pass: 1, measured: 2 }, byRuntime: [{ runtime: 'x', pass: 1, measured: 2 }, { runtime: 'y', pass: 2, measured: 2 }], lost: ['cli/other'],
  });
  expect(migrationCost(rs, runs, rules, 'y').get('py')![1]).toMatchObject({ gained: null, lost: null, reference: { pass: 2 } });
  expect(referenceColumn(rs)).toBe('x');
  expect(referenceColumn(rs, 'y')).toBe('y');
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
