import { describe, expect, test } from 'vitest';
import { reactorAsCommand } from '../guests/kotlin/command-export.ts';

// The smallest reactor: one empty function exported as `_initialize`.
const reactor = (name = '_initialize') => {
  const n = [...new TextEncoder().encode(name)];
  const exportBody = [1, n.length, ...n, 0, 0];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    1, 4, 1, 0x60, 0, 0, // type: () -> ()
    3, 2, 1, 0, // function 0 has type 0
    7, exportBody.length, ...exportBody,
    10, 4, 1, 2, 0, 0x0b, // body: end
  ]);
};

describe('Kotlin reactor → command', () => {
  test('renames the _initialize export to _start and keeps a valid module', () => {
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(reactorAsCommand(reactor())));
    expect(exports).toEqual([{ name: '_start', kind: 'function' }]);
  });

  test('refuses a module with nothing to rename, rather than writing a module no host can start', () => {
    expect(() => reactorAsCommand(reactor('main'))).toThrow('no _initialize function export');
  });
});
