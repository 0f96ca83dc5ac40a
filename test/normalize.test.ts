import { describe, expect, test } from 'vitest';
import jco from '../runtimes/jco/adapter.ts';
import nodeWasi from '../runtimes/node-wasi/adapter.ts';
import wasmer from '../runtimes/wasmer/adapter.ts';
import type { RawOutcome } from '../src/types.ts';

const failed = (stderr: string): RawOutcome => ({ exitCode: 1, signal: null, timedOut: false, outputLimited: false, stdout: '', stderr, durationMs: 5 });

// What Node 20 prints for guests/wat/stack-overflow.wat under node:wasi (and jco's transpiled core modules).
const wasmOverflow = 'wasm://wasm/af56e50e:1\n\n\nRangeError: Maximum call stack size exceeded\n    at deeper (wasm://wasm/af56e50e:wasm-function[1]:0x60)\n    at deeper (wasm://wasm/af56e50e:wasm-function[1]:0x66)\n';
const hostOverflow = 'RangeError: Maximum call stack size exceeded\n    at walk (file:///x/preview2-shim/lib/io.js:10:3)\n';

describe.for([['node-wasi', nodeWasi], ['jco', jco]] as const)('%s: a V8 stack overflow', ([, adapter]) => {
  test('in wasm frames is a trap (CRASH), not a plain failure', () => {
    expect(adapter.normalize(failed(wasmOverflow)).trap).toBe('call stack exhausted (Maximum call stack size exceeded)');
  });
  test('in the host JS is the runtime failing', () => {
    const n = adapter.normalize(failed(hostOverflow));
    expect(n.trap).toBeUndefined();
    expect(n.internalError).toMatch(/Maximum call stack size exceeded/);
  });
});

test('wasmer: a module that cannot be instantiated (an import nobody provides) is the runtime refusing it, not the guest failing', () => {
  // What wasmer 7.4 prints for an Emscripten module importing env.__syscall_faccessat.
  const spawn = 'error: Spawn failed\n╰─▶ 1: Failed to create the instance - Error while importing "env"."__syscall_faccessat": unknown import. Expected Function(FunctionType { params: [I32, I32, I32, I32], results: [I32] })\n';
  expect(wasmer.normalize(failed(spawn)).internalError).toMatch(/^Failed to create the instance - Error while importing "env"\."__syscall_faccessat": unknown import/);
  expect(wasmer.normalize(failed('not ok x # y\n')).internalError).toBeUndefined();
});
