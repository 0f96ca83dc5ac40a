import { describe, expect, test } from 'vitest';
import jco from '../runtimes/jco/adapter.ts';
import nodeWasi from '../runtimes/node-wasi/adapter.ts';
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
