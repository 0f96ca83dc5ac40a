import { expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { makePlan } from '../src/runner.ts';

// The controls themselves run with the suites (suites/conformance.ts): every passing cell of a
// case with a `controls:` list must see each control fail the checks it names. This test keeps
// the list from shrinking unnoticed.
test('the security-relevant cases declare controls', async () => {
  const plan = await makePlan({ root: ROOT, filters: { runtime: ['wasmtime@49'] } });
  const guarded = [...plan.cases.values()].filter((k) => k.controls.length > 0).map((k) => `${k.suite}/${k.id}`);
  expect(guarded).toEqual(expect.arrayContaining(['fs/sandbox', 'cli/env', 'cli/args', 'sockets/network-off']));
});
