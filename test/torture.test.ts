import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import type { Result } from '../src/types.ts';
import { tempDir } from './temp.ts';

// Hostile guests (suites/selftest) on the fast runtimes, each with the exact status it must get.
// A runtime this machine lacks is UNAVAILABLE and skipped; everything else must match.
type Want = [status: Result['status'], reason?: RegExp];
const TIMEOUT: Want = ['TIMEOUT', /killed after \d+ ms/];
const FLOOD: Want = ['CRASH', /output limit exceeded/];
const PASS: Want = ['PASS'];
/** wasmtime refuses proc_exit codes WASI leaves undefined (126 and up) as an error of its own. */
/**
 * The wasmer CLI has no memory cap of its own: only the process-wide RLIMIT_DATA backstop holds
 * the guest, so allocation is refused (gracefully) past 1 GiB and the `capped` check fails.
 */
const UNCAPPED: Want = ['FAIL', /capped: /];
const WASMTIME_EXIT: Want = ['CRASH', /exit with invalid exit status outside of \[0\.\.126\)/];

const WANT: Record<string, Record<string, Want>> = {
  hang: { wasmtime: TIMEOUT, 'node-wasi': TIMEOUT, wasmer: TIMEOUT },
  sleep: { wasmtime: TIMEOUT, 'node-wasi': TIMEOUT, wasmer: TIMEOUT },
  'grow-bomb': { wasmtime: PASS, 'node-wasi': PASS, wasmer: UNCAPPED },
  'malloc-bomb': { wasmtime: PASS, 'node-wasi': PASS, wasmer: UNCAPPED },
  flood: { wasmtime: FLOOD, 'node-wasi': FLOOD, wasmer: FLOOD },
  'stderr-flood': { wasmtime: FLOOD, 'node-wasi': FLOOD, wasmer: FLOOD },
  'stack-overflow': {
    wasmtime: ['CRASH', /trap: call stack exhausted/],
    'node-wasi': ['CRASH', /trap: call stack exhausted \(Maximum call stack size exceeded\)/],
    wasmer: ['CRASH', /trap: call stack exhausted/],
  },
  'shadow-stack': {
    wasmtime: ['CRASH', /trap: out of bounds memory access/],
    'node-wasi': ['CRASH', /trap: memory access out of bounds/],
    wasmer: ['CRASH', /trap: out of bounds memory access/],
  },
  'exit-code-0': { wasmtime: PASS, 'node-wasi': PASS, wasmer: PASS },
  'exit-code-1': { wasmtime: PASS, 'node-wasi': PASS, wasmer: PASS },
  'exit-code-125': { wasmtime: PASS, 'node-wasi': PASS, wasmer: PASS },
  'exit-code-126': { wasmtime: WASMTIME_EXIT, 'node-wasi': PASS, wasmer: PASS },
  'exit-code-127': { wasmtime: WASMTIME_EXIT, 'node-wasi': PASS, wasmer: PASS },
  'exit-code-128': { wasmtime: WASMTIME_EXIT, 'node-wasi': PASS, wasmer: PASS },
  'exit-code-255': { wasmtime: WASMTIME_EXIT, 'node-wasi': PASS, wasmer: PASS },
  'binary-output': { wasmtime: PASS, 'node-wasi': PASS, wasmer: PASS },
  'million-lines': { wasmtime: PASS, 'node-wasi': PASS, wasmer: PASS },
  'close-stdout': { wasmtime: PASS, 'node-wasi': PASS, wasmer: PASS },
};
const RUNTIMES = ['wasmtime@49', 'node-wasi', 'wasmer'];

describe('torture: hostile guests get their exact status, and the run goes on', () => {
  let results: Result[] = [];
  beforeAll(async () => {
    const plan = await makePlan({ root: ROOT, filters: { suite: ['selftest'], language: ['wat', 'c'], runtime: RUNTIMES, case: Object.keys(WANT) } });
    results = (await runPlan(plan, { recordDir: tempDir('torture-') })).run.results;
  });

  const cells = Object.entries(WANT).flatMap(([kase, byRuntime]) => Object.entries(byRuntime).map(([runtime, want]) => [kase, runtime, want] as const));
  test.for(cells)('%s on %s', ([kase, runtime, [status, reason]], ctx) => {
    const ran = results.filter((r) => r.case === kase && r.runtime === runtime && r.status !== 'UNSUPPORTED');
    if (ran.length && ran.every((r) => r.status === 'UNAVAILABLE')) return ctx.skip(`${runtime}: ${ran[0]!.reason}`);
    expect(ran.length, `no ${kase} cell ran on ${runtime}`).toBeGreaterThan(0);
    for (const r of ran) {
      expect(r.status, `${r.key}: ${r.reason}`).toBe(status);
      if (reason) expect(r.reason, r.key).toMatch(reason);
    }
  });

  test('every guest that ran had the memory cap, and the record says how it was held', () => {
    const ran = results.filter((r) => r.run);
    expect(ran.length).toBeGreaterThan(0);
    for (const r of ran) expect(r.run!.memory, r.key).toMatchObject({ bytes: 536870912, enforcedBy: expect.any(String) });
  });
});
