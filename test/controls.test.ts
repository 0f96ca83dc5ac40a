import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import type { Result } from '../src/types.ts';

// Negative controls: every security-relevant case (a `controls:` list) is run once as declared
// and once per control, which grants the capability on purpose (the parent of a preopen, the
// host's environment, an extra argument, the network). The plain cell must pass and each control
// must fail the checks it names: a check that cannot fail is caught here, not by a reader.
// jco: its network is denied through preview2-shim unless granted, so network-off's control must reach the peer.
const RUNTIMES = ['wasmtime@49', 'node-wasi', 'wasmer', 'jco'];

const everything = await makePlan({ root: ROOT, filters: { runtime: RUNTIMES } });
const guarded = [...everything.cases.values()].filter((k) => k.controls.length > 0);
const plan = guarded.length
  ? await makePlan({ root: ROOT, filters: { runtime: RUNTIMES, case: guarded.map((k) => `${k.suite}/${k.id}`) } })
  : null;

describe('negative controls', () => {
  const results = new Map<string, Result>();
  beforeAll(async () => {
    if (!plan?.cells.length) return;
    const { run } = await runPlan(plan, { recordDir: mkdtempSync(join(tmpdir(), 'controls-')), controls: true });
    for (const r of run.results) results.set(r.key, r);
  });

  test('the security-relevant cases declare controls', () => {
    const ids = guarded.map((k) => `${k.suite}/${k.id}`);
    expect(ids).toEqual(expect.arrayContaining(['fs/sandbox', 'cli/env', 'cli/args', 'sockets/network-off']));
  });

  test.for(plan?.cells.map((c) => c.key) ?? [])('%s', (key, ctx) => {
    const r = results.get(key);
    if (!r) throw new Error(`no result recorded for ${key}`);
    if (r.outcome === 'skip') ctx.skip(`${r.status}: ${r.reason}`);
    // A cell that fails as expected already shows its checks can fail; its controls prove nothing more.
    if (r.outcome === 'xfail') ctx.skip(`expected ${r.status}: ${r.expectation?.reason}`);
    expect(r.status, `the plain cell must pass: ${r.reason}\n${r.stdout}`).toBe('PASS');
    const k = plan!.cases.get(`${r.suite}/${r.case}`)!;
    for (const control of k.controls) {
      const c = r.controls?.find((x) => x.grant === control.grant);
      expect(c, `control ${control.grant} was not run`).toBeDefined();
      expect(c!.status, `control ${control.grant} must not pass`).not.toBe('PASS');
      expect(c!.failedChecks, `control ${control.grant} must fail ${control.fails.join(', ')}`).toEqual(expect.arrayContaining(control.fails));
    }
  });
});
