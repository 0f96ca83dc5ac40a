import { describe, expect, test } from 'vitest';
import { overlay } from '../src/expectations.ts';
import { freshnessLine, isPublication, judgeRun, newestPublication, unprovenChecks, type Judge } from '../src/report/publication.ts';
import type { Expectation, Result, RunFile } from '../src/types.ts';
import { result, run } from './fixtures/results.ts';

const xfail = (status: Result['status']): Expectation => ({ status, reason: 'known', file: 'runtimes/rt/expectations.yaml' });
const judge = (over: Partial<Judge> = {}): Judge => ({ stale: () => [], expectation: (r) => r.expectation, overlay, ...over });
const withTools = (r: RunFile, tools: RunFile['provenance']['tools']): RunFile => ({ ...r, provenance: { ...r.provenance, tools } });

describe('the report\'s status rules', () => {
  test.each([
    {
      rule: 'a fresh PASS stays a PASS',
      cell: result('cli/a|c|p1|rt@1', 'PASS'), tools: [], judge: judge(),
      want: { status: 'PASS', outcome: 'pass' },
    },
    {
      rule: 'a stale cell is drawn as "stale, re-run", never as its verdict',
      cell: result('cli/a|c|p1|rt@1', 'PASS'), tools: [], judge: judge({ stale: () => ['guest source changed (guests/c/a.c)'] }),
      want: { status: 'UNAVAILABLE', reasonKind: 'stale', outcome: 'skip', reason: 'stale, re-run: guest source changed (guests/c/a.c) (was PASS)' },
    },
    {
      rule: 'a PASS with 0 checks is not a PASS',
      cell: result('cli/a|c|p1|rt@1', 'PASS', { checks: { passed: 0, total: 0, failed: [] } }), tools: [], judge: judge(),
      want: { status: 'UNAVAILABLE', reasonKind: 'stale' },
    },
    {
      rule: 'UNSUPPORTED from a run without the runtime installed reads UNAVAILABLE',
      cell: result('cli/a|c|p1|spin', 'UNSUPPORTED', { reason: 'spin: cannot load p1' }), tools: [{ id: 'spin', kind: 'runtime' as const, version: null, reason: '`spin` is not on PATH' }], judge: judge(),
      want: { status: 'UNAVAILABLE', reasonKind: 'not-installed', reason: 'not installed when run r1 was made: `spin` is not on PATH', outcome: 'skip' },
    },
    {
      rule: 'UNSUPPORTED from a run without the toolchain installed reads UNAVAILABLE',
      cell: result('cli/a|dotnet|p2|rt@1', 'UNSUPPORTED'), tools: [{ id: 'dotnet', kind: 'toolchain' as const, version: null, reason: 'no dotnet' }], judge: judge(),
      want: { status: 'UNAVAILABLE', reasonKind: 'not-installed' },
    },
    {
      rule: 'UNSUPPORTED blaming the installed toolchain stays, whatever the runtime',
      cell: result('cli/a|assemblyscript|p2|spin', 'UNSUPPORTED', { reason: 'assemblyscript: emits preview1 core modules only' }), tools: [{ id: 'spin', kind: 'runtime' as const, version: null }], judge: judge(),
      want: { status: 'UNSUPPORTED', reason: 'assemblyscript: emits preview1 core modules only' },
    },
    {
      rule: 'UNSUPPORTED with both tools installed stays',
      cell: result('cli/a|c|p3|rt@1', 'UNSUPPORTED'), tools: [{ id: 'rt@1', kind: 'runtime' as const, version: '1' }], judge: judge(),
      want: { status: 'UNSUPPORTED', outcome: 'skip' },
    },
    {
      rule: 'an xfail whose expectation entry is gone is unexpected',
      cell: result('cli/a|c|p1|rt@1', 'CRASH', { outcome: 'xfail', expectation: xfail('CRASH') }), tools: [], judge: judge({ expectation: () => undefined }),
      want: { status: 'CRASH', outcome: 'unexpected', expectation: undefined },
    },
    {
      rule: 'an xfail whose entry still applies stays xfail',
      cell: result('cli/a|c|p1|rt@1', 'CRASH', { outcome: 'xfail', expectation: xfail('CRASH') }), tools: [], judge: judge(),
      want: { status: 'CRASH', outcome: 'xfail' },
    },
    {
      rule: 'a failure an entry added since describes is an xfail',
      cell: result('cli/a|c|p1|rt@1', 'FAIL'), tools: [], judge: judge({ expectation: () => xfail('FAIL') }),
      want: { status: 'FAIL', outcome: 'xfail' },
    },
  ])('$rule', ({ cell, tools, judge: j, want }) => {
    const [got] = judgeRun(withTools(run('r1', '2026-12-07T00:00:00Z', [cell]), tools), j).results;
    expect(got).toMatchObject(Object.fromEntries(Object.entries(want).filter(([, v]) => v !== undefined)));
    if ('expectation' in want) expect(got!.expectation).toBeUndefined();
  });

  test('the freshness counts stale cells by reason and the rules applied, and every page\'s line says so', () => {
    const cells = [
      result('cli/a|c|p1|rt@1', 'PASS'), result('cli/b|c|p1|rt@1', 'PASS'), result('cli/c|c|p1|spin', 'UNSUPPORTED', { reason: 'spin: cannot' }),
    ];
    const r = withTools(run('r1', '2026-12-07T00:00:00Z', cells), [{ id: 'spin', kind: 'runtime', version: null }]);
    const { freshness } = judgeRun(r, judge({ stale: (x) => (x.case === 'a' ? ['case file changed'] : []) }));
    expect(freshness).toMatchObject({ runId: 'r1', cells: 3, stale: 1, why: { 'case file changed': 1 } });
    expect(Object.values(freshness.ruled)).toEqual([1]);
    expect(freshnessLine(freshness)).toBe('From run r1 (commit abc, clean tree, profile unknown, 3 cells, 0 s); 1 stale cell(s), drawn as "stale, re-run": case file changed ×1; negative controls not recorded.');
    expect(freshnessLine({ ...freshness, stale: 0, why: {} })).toContain('; 0 stale cells;');
  });

  test('a PASS whose negative control passed a check it was to fail is counted unproven, on every page\'s line', () => {
    const control = (unproven: string[]) => ({ grant: 'network' as const, status: 'FAIL' as const, failedChecks: [], flipped: !unproven.length, unproven });
    const cells = [
      result('sockets/a|c|p2|rt@1', 'PASS', { controls: [control([])] }),
      result('sockets/a|rust|p2|rt@1', 'PASS', { controls: [control(['peer-untouched'])] }),
      result('sockets/a|go|p2|rt@1', 'FAIL', { controls: [control(['network-off'])] }),
    ];
    const { results, freshness } = judgeRun(run('r1', '2026-12-07T00:00:00Z', cells), judge());
    expect(results.map(unprovenChecks)).toEqual([[], ['peer-untouched'], ['network-off']]);
    expect(freshness.unproven).toBe(1);
    expect(freshnessLine(freshness)).toMatch(/; 1 PASS cell\(s\) with a check its negative control did not fail \(unproven\)\.$/);
  });
});

test('a publication is a run of the full profile with no filter, shard or external suite', () => {
  const full = (over: Partial<RunFile['provenance']>): RunFile => { const r = run('x', '2026-12-07T00:00:00Z', []); return { ...r, provenance: { ...r.provenance, profile: 'full', ...over } }; };
  expect(isPublication(full({}))).toBe(true);
  expect(isPublication(full({ filters: { language: [] } }))).toBe(true);
  expect(isPublication(full({ profile: 'default' }))).toBe(false);
  expect(isPublication(full({ filters: { suite: ['cli'] } }))).toBe(false);
  expect(isPublication(full({ shard: { index: 1, count: 2 } }))).toBe(false);
  expect(isPublication(full({ external: [{ suite: 'external:x', name: 'x', dir: '/x' }] }))).toBe(false);
  const a = full({ runId: 'a' });
  const b = full({ runId: 'b', filters: { suite: ['cli'] } });
  expect(newestPublication([a, b])?.provenance.runId).toBe('a');
});
