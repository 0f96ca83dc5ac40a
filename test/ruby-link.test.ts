import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import binaryen from 'binaryen';
import { describe, expect, test } from 'vitest';
import { BOOTSTRAP, linkRuby, RUBY_INIT_ARGS } from '../guests/ruby/link.ts';
import { tempDir } from './temp.ts';

/**
 * A stand-in with ruby.wasm's reactor shape (its JS-bridge imports, `_initialize`, `cabi_realloc`,
 * `ruby-init`, `rb-eval-string-protect`): ruby-init writes each string it is given, NUL included,
 * to stdout (trapping unless `_initialize` ran first); eval writes the program, then calls the
 * JS bridge if the program starts with "j", or exits 7.
 */
const REACTOR = `(module
  (import "rb-js-abi-host" "global-this: func() -> handle<js-abi-value>" (func $global (result i32)))
  (import "canonical_abi" "resource_drop_js-abi-value" (func $drop (param i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (global $ready (mut i32) (i32.const 0))
  (func $write (param $p i32) (param $n i32)
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (local.get $n))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_initialize") (global.set $ready (i32.const 1)))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func (export "ruby-init: func(args: list<string>) -> ()") (param $list i32) (param $n i32) (local $i i32)
    (if (i32.eqz (global.get $ready)) (then (unreachable)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (call $write
        (i32.load (i32.add (local.get $list) (i32.mul (local.get $i) (i32.const 8))))
        (i32.load offset=4 (i32.add (local.get $list) (i32.mul (local.get $i) (i32.const 8)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))
  (func (export "rb-eval-string-protect: func(str: string) -> tuple<handle<rb-abi-value>, s32>") (param $p i32) (param $n i32) (result i32)
    (call $write (local.get $p) (local.get $n))
    (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 106)) (then (call $drop (call $global))))
    (call $exit (i32.const 7))
    (i32.const 0)))`;

function reactor(): Uint8Array {
  const m = binaryen.parseText(REACTOR);
  try {
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

async function run(wasm: Uint8Array, args: string[]): Promise<{ code: number; stdout: string }> {
  const out = join(tempDir('ruby-link-'), 'stdout');
  const fd = openSync(out, 'w');
  try {
    const wasi = new WASI({ version: 'preview1', args, env: {}, stdout: fd, returnOnExit: true });
    const instance = await WebAssembly.instantiate(new WebAssembly.Module(new Uint8Array(wasm)), wasi.getImportObject() as WebAssembly.Imports);
    const code = wasi.start(instance);
    return { code, stdout: readFileSync(out, 'latin1') };
  } finally {
    closeSync(fd);
  }
}

describe('guests/ruby/link.ts', () => {
  test('the JS bridge is stubbed and the reactor becomes a command that imports WASI alone', () => {
    const { wasm, stubbed } = linkRuby(reactor());
    const mod = new WebAssembly.Module(new Uint8Array(wasm));
    expect(stubbed).toEqual(['rb-js-abi-host.global-this: func() -> handle<js-abi-value>', 'canonical_abi.resource_drop_js-abi-value']);
    expect(new Set(WebAssembly.Module.imports(mod).map((i) => i.module))).toEqual(new Set(['wasi_snapshot_preview1']));
    expect(WebAssembly.Module.exports(mod).map((e) => e.name).sort()).toEqual(['_start', 'memory']);
  });

  test('_start initializes, hands ruby-init the host arguments then WASI argv, and evaluates the fixed bootstrap', async () => {
    const { wasm } = linkRuby(reactor());
    const argv = ['guest.wasm', '-e', "puts ARGV\n'x'", 'alpha', 'beta gamma', 'ünicøde'];
    const { code, stdout } = await run(wasm, argv);
    const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    expect(stdout).toBe([...RUBY_INIT_ARGS, ...argv.map(utf8), utf8(BOOTSTRAP)].map((s) => `${s}\0`).join(''));
    expect(code).toBe(7);
  });

  test('the artifact is the same bytes whatever program it will run: the program is an argument', () => {
    const a = linkRuby(reactor()).wasm;
    expect(Buffer.from(linkRuby(reactor()).wasm).equals(Buffer.from(a))).toBe(true);
    expect(BOOTSTRAP).toMatch(/ARGV\[0\] == "-e"/);
    expect(RUBY_INIT_ARGS.at(-1)).toBe('--');
  });

  test('a program that reaches the JS bridge traps at the stub', async () => {
    const { wasm } = linkRuby(reactor(), 'js');
    await expect(run(wasm, ['guest.wasm'])).rejects.toThrow(/unreachable/);
  });
});
