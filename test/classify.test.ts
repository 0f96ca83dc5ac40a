import { describe, expect, test } from 'vitest';
import { classify, type Evidence } from '../src/classify.ts';
import type { RawOutcome } from '../src/types.ts';

const expect0 = { exit: 0, checks: ['a', 'b'], harness: [], stdout: [], stderr: [], stdoutExcludes: [] };

function run(over: Partial<RawOutcome>): RawOutcome {
  return { exitCode: 0, signal: null, timedOut: false, outputLimited: false, stdout: 'ok a\nok b\n', stderr: '', durationMs: 5, ...over };
}

const table: [name: string, ev: Evidence, status: string, reason: RegExp][] = [
  ['all checks ok, exit 0', { run: run({}), expect: expect0 }, 'PASS', /^$/],
  ['gate unsupported wins', { gate: { status: 'UNSUPPORTED', reason: 'cannot', kind: 'cannot' }, run: run({}), expect: expect0 }, 'UNSUPPORTED', /cannot/],
  ['gate unavailable', { gate: { status: 'UNAVAILABLE', reason: 'not on PATH', kind: 'not-installed' }, expect: expect0 }, 'UNAVAILABLE', /PATH/],
  ['build failed', { build: { ok: false, log: 'x.c:1: error: boom\n' }, expect: expect0 }, 'BUILD_FAIL', /boom/],
  ['build failed: the error line, not the trailing chatter', { build: { ok: false, log: 'Error: no such import\n  |\n  ^---\n' }, expect: expect0 }, 'BUILD_FAIL', /no such import/],
  ['built but not run', { build: { ok: true, log: '' }, expect: expect0 }, 'ERROR', /no run/],
  ['a command line the runtime rejects is ours to fix, not a guest failure', { run: run({ usageError: "unexpected argument '-Z' found", exitCode: 2 }), expect: expect0 }, 'ERROR', /rejected its command line/],
  ['an external script that waited for the trap it got passes, as the reference runner counts it', { run: run({ stdout: '', trap: 'unreachable', exitCode: 134, harness: [{ name: 'op2-wait', ok: true, detail: '' }] }), expect: { ...expect0, exit: null, checks: [], harness: ['op2-wait'] } }, 'PASS', /^$/],
  ['an external script whose operation failed on a trap is a CRASH', { run: run({ stdout: '', trap: 'unreachable', exitCode: 134, harness: [{ name: 'op2-wait', ok: false, detail: 'exit code 134, want 0' }] }), expect: { ...expect0, exit: null, checks: [], harness: ['op2-wait'] } }, 'CRASH', /trap/],
  ['harness error', { run: run({ harnessError: 'spawn ENOENT' }), expect: expect0 }, 'ERROR', /ENOENT/],
  ['timeout beats everything else', { run: run({ timedOut: true, exitCode: null, signal: 'SIGKILL', durationMs: 2000 }), expect: expect0 }, 'TIMEOUT', /2000 ms/],
  ['output flood', { run: run({ outputLimited: true, exitCode: null }), expect: expect0 }, 'CRASH', /output limit/],
  ['trap', { run: run({ trap: 'unreachable', exitCode: 134 }), expect: expect0 }, 'CRASH', /trap: unreachable/],
  ['a runtime that reports no exit status: a case that does not test it is judged by its checks', { run: run({ exitCode: 70, exitLost: 'no status' }), expect: expect0 }, 'PASS', /^$/],
  ['… and its checks still count', { run: run({ exitCode: 70, exitLost: 'no status', stdout: 'ok a\nnot ok b # no\n' }), expect: expect0 }, 'FAIL', /^b: no$/],
  ['… while a case that states its exit status fails for the lost status', { run: run({ exitCode: 70, exitLost: 'no status' }), expect: { ...expect0, exit: 3, exitStated: true } }, 'FAIL', /^no exit status \(want 3\): no status$/],
  ['runtime internal error', { run: run({ internalError: 'failed to instantiate', exitCode: 1 }), expect: expect0 }, 'CRASH', /instantiate/],
  ['signal', { run: run({ signal: 'SIGSEGV', exitCode: null }), expect: expect0 }, 'CRASH', /SIGSEGV/],
  ['wrong exit code', { run: run({ exitCode: 1, stderr: 'oops\n' }), expect: expect0 }, 'FAIL', /exit code 1, want 0 \(stderr: oops\)/],
  ['expected non-zero exit', { run: run({ exitCode: 3 }), expect: { ...expect0, exit: 3 } }, 'PASS', /^$/],
  ['a check failed', { run: run({ stdout: 'ok a\nnot ok b # saw 2\n' }), expect: expect0 }, 'FAIL', /b: saw 2/],
  ['a required check missing', { run: run({ stdout: 'ok a\n' }), expect: expect0 }, 'FAIL', /b: not reported/],
  ['an extra failed check', { run: run({ stdout: 'ok a\nok b\nnot ok c # extra\n' }), expect: expect0 }, 'FAIL', /c: extra/],
  ['stdout pattern missing', { run: run({}), expect: { ...expect0, stdout: ['^hello$'] } }, 'FAIL', /stdout lacks/],
  ['stderr pattern present', { run: run({ stderr: 'marker\n' }), expect: { ...expect0, stderr: ['^marker$'] } }, 'PASS', /^$/],
  ['a check once not ok stays failed', { run: run({ stdout: 'ok a\nnot ok b # first\nok b\n' }), expect: expect0 }, 'FAIL', /b: first/],
  ['a harness check that failed', { run: run({ harness: [{ name: 'request-1', ok: false, detail: 'status 500' }] }), expect: { ...expect0, harness: ['request-1'] } }, 'FAIL', /request-1: status 500/],
  ['a harness check the guest printed itself does not count', { run: run({ stdout: 'ok a\nok b\nok request-1\n' }), expect: { ...expect0, harness: ['request-1'] } }, 'FAIL', /request-1: not reported/],
  ['harness checks pass beside the guest\'s', { run: run({ harness: [{ name: 'request-1', ok: true, detail: '' }] }), expect: { ...expect0, harness: ['request-1'] } }, 'PASS', /^$/],
  ['stdout must exclude', { run: run({ stdout: 'ok a\nok b\nmarker\n' }), expect: { ...expect0, stdoutExcludes: ['marker'] } }, 'FAIL', /stdout has/],
];

describe('classify', () => {
  test.for(table)('%s', ([, ev, status, reason]) => {
    const v = classify(ev);
    expect(v.status).toBe(status);
    expect(v.reason).toMatch(reason);
  });

  test('counts checks: required plus reported', () => {
    const v = classify({ run: run({ stdout: 'ok a\nnot ok c # x\n' }), expect: expect0 });
    expect(v.checks).toEqual({ passed: 1, total: 3, failed: [{ name: 'b', detail: 'not reported' }, { name: 'c', detail: 'x' }] });
  });
});
