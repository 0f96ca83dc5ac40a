import { describe, expect, test } from 'vitest';
import type { Status } from '../src/status.ts';
import { findExpectation, loadExpectations, overlay, type ExpectationRule } from '../src/expectations.ts';
import { ROOT } from '../src/paths.ts';
import type { Cell, Expectation } from '../src/types.ts';

const fail: Expectation = { status: 'FAIL', reason: 'known', file: 'x.yaml' };

describe('overlay', () => {
  test.for([
    ['PASS', undefined, 'pass'],
    ['FAIL', undefined, 'unexpected'],
    ['CRASH', undefined, 'unexpected'],
    ['FAIL', fail, 'xfail'],
    ['PASS', fail, 'xpass'],
    ['TIMEOUT', fail, 'unexpected'],
    ['UNSUPPORTED', undefined, 'skip'],
    ['UNAVAILABLE', fail, 'skip'],
  ] as const)('%s with %o → %s', ([status, exp, outcome]) => {
    expect(overlay(status, exp)).toBe(outcome);
  });
});

const seen = (status: Status, reason = '', failedChecks: string[] = []) => ({ status, reason, failedChecks });

describe('findExpectation', () => {
  const cell: Cell = {
    key: 'k', suite: 'cli', case: 'exit-3', language: 'c', target: 'p2', variant: 'adapter', runtime: 'wasmtime', runtimeLabel: 'wasmtime@49.0.3', features: [],
  };
  const rule = (match: ExpectationRule['match']): ExpectationRule => ({ match, status: 'FAIL', reason: 'r', file: 'f' });

  test('matches on every given key, a case list, and a version range', () => {
    expect(findExpectation([rule({ runtime: 'wasmtime', case: ['exit-1', 'exit-3'] })], cell, '49.0.3')).toBeDefined();
    expect(findExpectation([rule({ runtime: 'wasmtime', versions: '<48' })], cell, '49.0.3')).toBeUndefined();
    expect(findExpectation([rule({ runtime: 'wasmtime', versions: '>=48' })], cell, '49.0.3')).toBeDefined();
    expect(findExpectation([rule({ runtime: 'jco' })], cell, '49.0.3')).toBeUndefined();
    expect(findExpectation([rule({ language: ['go', 'c'] })], cell, '49.0.3')).toBeDefined();
    expect(findExpectation([rule({ language: 'c', target: 'p1' })], cell, '49.0.3')).toBeUndefined();
    expect(findExpectation([rule({ target: 'p2', variant: 'native' })], cell, '49.0.3')).toBeUndefined();
    expect(findExpectation([rule({ target: 'p2', variant: 'adapter' })], cell, '49.0.3')).toBeDefined();
  });

  test('a host range matches the Node a hosted runtime ran on, and never a runtime that names no host', () => {
    const jco = { ...cell, runtime: 'jco', runtimeLabel: 'jco+node24.21.0' };
    expect(findExpectation([rule({ runtime: 'jco', host: '<22' })], jco, '1.35.0+node20.20.2')).toBeDefined();
    expect(findExpectation([rule({ runtime: 'jco', host: '<22' })], jco, '1.35.0+node24.21.0')).toBeUndefined();
    expect(findExpectation([rule({ runtime: 'wasmtime', host: '<99' })], cell, '49.0.3')).toBeUndefined();
  });

  test('when a runtime rule and a toolchain rule both match, the one naming the actual status wins', () => {
    const crash = { ...rule({ runtime: 'wasmtime' }), status: 'CRASH' as const, file: 'runtime' };
    const build = { ...rule({ language: 'c' }), status: 'BUILD_FAIL' as const, file: 'toolchain' };
    expect(findExpectation([crash, build], cell, '49.0.3', seen('BUILD_FAIL'))?.file).toBe('toolchain');
    expect(findExpectation([crash, build], cell, '49.0.3', seen('CRASH'))?.file).toBe('runtime');
    expect(findExpectation([crash, build], cell, '49.0.3', seen('FAIL'))?.file).toBe('runtime');
  });

  test("the repository's files load, and each entry is scoped by its folder", () => {
    const rules = loadExpectations(ROOT);
    for (const r of rules) {
      expect(r.reason.length).toBeGreaterThan(0);
      expect(r.match.runtime ?? r.match.language ?? r.match.suite).toBeDefined();
    }
  });

  test('a rule that describes the failure matches only that failure, and never a pass', () => {
    const r = rule({ case: ['exit-1', 'exit-3'], reason: '^exit code 1, want 3', checks: ['x'] });
    expect(findExpectation([r], cell, '49.0.3', seen('FAIL', 'exit code 1, want 3', ['x']))).toBeDefined();
    expect(findExpectation([r], cell, '49.0.3', seen('FAIL', 'exit code 2, want 3', ['x']))).toBeUndefined();
    expect(findExpectation([r], cell, '49.0.3', seen('FAIL', 'exit code 1, want 3', ['y']))).toBeUndefined();
    expect(findExpectation([r], cell, '49.0.3', seen('PASS'))).toBeUndefined();
  });
});
