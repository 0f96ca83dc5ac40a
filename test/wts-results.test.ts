import { expect, test } from 'vitest';
import { toWtsResults } from '../src/external/wts-results.ts';
import { result, run } from './fixtures/results.ts';

const r = run('r1', '2026-11-22T00:00:00.000Z', [
  result('cli/args|c|p1|wasmtime@49.0.3', 'PASS'),
  result('cli/exit-3|c|p2+adapter|wasmtime@49.0.3', 'FAIL', { outcome: 'xfail' }),
  result('cli/args|c|p1|spin', 'UNAVAILABLE'),
  result('external:wasi-c-tests/cli-env|c|p1|wasmtime@49.0.3', 'CRASH'),
]);

test('external suites alone by default: one entry per suite and runtime, outcomes as the reference counts them', () => {
  const w = toWtsResults(r);
  expect(w.results).toHaveLength(1);
  expect(w.results[0]).toMatchObject({ name: 'external:wasi-c-tests', runtime: { name: 'wasmtime', version: '49.0.3' }, failed: 1, passed: 0 });
  expect(w.results[0]!.tests[0]).toMatchObject({ name: 'cli-env', executed: true, outcome: 'fail', failures: [expect.stringMatching(/^CRASH: /)] });
});

test('with all, our own suites too, so the whole matrix reads in that format', () => {
  const w = toWtsResults(r, { all: true });
  const cli = w.results.filter((x) => x.name === 'cli');
  expect(cli.map((x) => x.runtime.name).sort()).toEqual(['spin', 'wasmtime']);
  const wt = cli.find((x) => x.runtime.name === 'wasmtime')!;
  expect(wt).toMatchObject({ passed: 1, xfailed: 1, failed: 0 });
  expect(cli.find((x) => x.runtime.name === 'spin')!.tests[0]).toMatchObject({ executed: false, outcome: 'skip' });
});
