import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import type { Result } from '../src/types.ts';
import { tempDir } from './temp.ts';

// Guests that misbehave on purpose (suites/selftest): the run must classify each and go on.
const RUNTIMES = ['node-wasi', 'wasmer-js', 'wasmtime@49', 'jco'];

describe('misbehaving guests', () => {
  let results: Result[] = [];
  beforeAll(async () => {
    const plan = await makePlan({ root: ROOT, filters: { suite: ['selftest'], language: ['c'], runtime: RUNTIMES } });
    const summary = await runPlan(plan, { recordDir: tempDir('selftest-') });
    results = summary.run.results;
  });

  const ran = (r: Result) => r.status !== 'UNAVAILABLE' && r.status !== 'UNSUPPORTED';

  test('every planned cell has a result', () => {
    expect(results.length).toBeGreaterThanOrEqual(RUNTIMES.length * 3);
  });

  test('a guest that never returns is TIMEOUT, killed at its limit', () => {
    const hung = results.filter((r) => r.case === 'hang' && ran(r));
    expect(hung.length).toBeGreaterThan(0);
    for (const r of hung) {
      expect(r.status, r.key).toBe('TIMEOUT');
      expect(r.durations.runMs).toBeGreaterThanOrEqual(2000);
    }
  });

  test('a guest that floods stdout is CRASH, cut at the output cap', () => {
    const flooded = results.filter((r) => r.case === 'flood' && ran(r));
    expect(flooded.length).toBeGreaterThan(0);
    for (const r of flooded) {
      expect(r.status, r.key).toBe('CRASH');
      expect(r.reason).toMatch(/output limit/);
    }
  });

  test('a guest that traps is CRASH with the trap named, on every runtime', () => {
    const trapped = results.filter((r) => r.case === 'trap' && ran(r));
    expect(new Set(trapped.map((r) => r.runtime))).toEqual(new Set(['node-wasi', 'wasmer-js', 'wasmtime', 'jco']));
    for (const r of trapped) {
      expect(r.status, `${r.key}: ${r.reason}\n${r.stderr}`).toBe('CRASH');
      expect(r.reason).toMatch(/trap: .*unreachable/i);
      expect(r.checks.passed).toBe(1);
    }
  });
});
