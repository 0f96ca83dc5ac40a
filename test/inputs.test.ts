import { beforeAll, expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import type { Result } from '../src/types.ts';
import { tempDir } from './temp.ts';

// suites/selftest/inputs-*: a guest prints its argv, environment and preopens, on every runtime of the
// profile. What arrives must be what the case declares, unless the runtime's own expectation file says
// why not (a runtime fact, never our adapter's).
let results: Result[] = [];
beforeAll(async () => {
  const plan = await makePlan({ root: ROOT, filters: { suite: ['selftest'], case: ['inputs-none', 'inputs-declared'], language: ['c'] } });
  results = (await runPlan(plan, { recordDir: tempDir('inputs-') })).run.results.filter((r) => r.status !== 'UNSUPPORTED' && r.status !== 'UNAVAILABLE');
}, 600_000);

test('every runtime hands the guest exactly the declared argv (none included), environment and preopens, or its expectation file says why not', () => {
  expect(results.length).toBeGreaterThan(0);
  for (const r of results) expect(['pass', 'xfail'], `${r.key}: ${r.status} ${r.reason}\n${r.stdout}`).toContain(r.outcome);
  // A deviation is a runtime's, so it is declared with its reason; our adapters add and lose nothing.
  for (const r of results.filter((x) => x.outcome === 'xfail')) expect(r.expectation?.file, r.key).toMatch(/\/runtimes\/[^/]+\/expectations\.yaml$/);
});

test('a guest started with no arguments sees argc 1 on every runtime that passes argv', () => {
  const none = results.filter((r) => r.case === 'inputs-none' && r.runtime !== 'wasmcloud');
  expect(new Set(none.map((r) => r.runtime))).toContain('wasmtime');
  for (const r of none) expect(r.stdout, r.key).toMatch(/^argc=1$/m);
});
