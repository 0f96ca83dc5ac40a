import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { findRegressions } from '../src/report/regressions.ts';
import type { RunFile } from '../src/types.ts';
import { result } from './fixtures/results.ts';

const runsDir = join(ROOT, 'reports', 'runs');
const committed = readdirSync(runsDir).filter((f) => f.endsWith('.json')).sort();

/** The regressions script as CI runs it, with a step summary file. */
async function regressions(prev: string, next: string) {
  const summary = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.md');
  writeFileSync(summary, '');
  const r = await execa('npx', ['tsx', join(ROOT, 'scripts', 'regressions.ts'), prev, next], {
    cwd: ROOT, reject: false, env: { GITHUB_STEP_SUMMARY: summary, NO_COLOR: '1' },
  });
  return { code: r.exitCode, summary: readFileSync(summary, 'utf8') };
}

test('a real run against an unchanged copy passes; flipping one of its real PASS cells fails with the cell and reason', async (ctx) => {
  if (!committed.length) return ctx.skip('no committed run files');
  // The smallest committed run with a passing cell keeps the subprocess quick.
  const candidates = committed.map((f) => join(runsDir, f)).sort((a, b) => readFileSync(a).length - readFileSync(b).length)
    .map((file) => ({ file, run: JSON.parse(readFileSync(file, 'utf8')) as RunFile }))
    .filter(({ run }) => run.results.some((r) => r.status === 'PASS'));
  if (!candidates.length) return ctx.skip('no committed run has a PASS cell');
  const { file, run } = candidates[0]!;
  const passing = run.results.find((r) => r.status === 'PASS')!;
  const dir = mkdtempSync(join(tmpdir(), 'regress-'));
  const same = join(dir, 'same.json');
  writeFileSync(same, JSON.stringify(run));
  expect(await regressions(file, same)).toMatchObject({ code: 0, summary: expect.stringContaining('No cell went from PASS') });

  const flipped = join(dir, 'flipped.json');
  const seeded = structuredClone(run);
  const cell = seeded.results.find((r) => r.key === passing.key)!;
  Object.assign(cell, { status: 'FAIL', reason: 'seeded regression', checks: { ...cell.checks, failed: [{ name: 'seeded', detail: 'flipped by the test' }] } });
  writeFileSync(flipped, JSON.stringify(seeded));
  const r = await regressions(file, flipped);
  expect(r.code).toBe(1);
  expect(r.summary).toContain('1 cell(s) went from PASS to something else');
  expect(r.summary).toContain(passing.key.replace(/\|/g, '\\|'));
  expect(r.summary).toContain('seeded regression');
  expect(r.summary).toContain('seeded (flipped by the test)');
}, 60_000);

test('a runtime upgrade that stops a cell passing is reported apart, not failed on; a missing runtime is no upgrade', () => {
  const before = [result('cli/a|c|p1|wasmtime@49.0.3', 'PASS'), result('cli/b|c|p1|node-wasi', 'PASS'), result('cli/c|c|p1|node-wasi', 'PASS')];
  const after = [
    result('cli/a|c|p1|wasmtime@49.0.3', 'FAIL', { runtimeVersion: '50.0.0' }),
    result('cli/b|c|p1|node-wasi', 'UNAVAILABLE', { runtimeVersion: null }),
  ];
  const r = findRegressions(before, after);
  expect(r.regressions.map((x) => [x.key, x.after])).toEqual([['cli/b|c|p1|node-wasi', 'UNAVAILABLE']]);
  expect(r.upgraded.map((x) => x.key)).toEqual(['cli/a|c|p1|wasmtime@49.0.3']);
  expect(r.missing).toEqual(['cli/c|c|p1|node-wasi']);
});

test('shards merged against an unsharded run: equal cells pass, a differing status or check is named', async () => {
  const { cellDifferences } = await import('../src/report/same-cells.ts');
  const a = [result('cli/a|c|p1|x', 'PASS'), result('cli/b|c|p1|x', 'FAIL')];
  expect(cellDifferences(a, [result('cli/b|c|p1|x', 'FAIL', { durations: { buildMs: 9, runMs: 99 } }), result('cli/a|c|p1|x', 'PASS')])).toEqual([]);
  expect(cellDifferences(a, [result('cli/a|c|p1|x', 'PASS'), result('cli/b|c|p1|x', 'FAIL', { checks: { passed: 0, total: 2, failed: [{ name: 'x', detail: '' }] } }), result('cli/c|c|p1|x', 'PASS')])).toEqual([
    'cli/b|c|p1|x: FAIL 1/2 vs FAIL 0/2',
    'cli/c|c|p1|x: only in the second run',
  ]);
});
