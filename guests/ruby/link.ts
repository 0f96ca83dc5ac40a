import binaryen from 'binaryen';

/**
 * ruby.wasm's npm builds are reactors made for a JS host: besides WASI they import the JS bridge
 * (`rb-js-abi-host`, `canonical_abi`) and export `ruby-init` and `rb-eval-string-protect` instead of
 * `_start`. This turns one into a WASI command that is a `ruby -e` of its own, the same bytes for
 * every program (so a runtime compiles the interpreter once and caches it like any artifact):
 * `<argv0> -e <program> [arg…]` runs the program with $0 = argv0 and ARGV = the args.
 * - each JS-bridge import becomes a function of the module whose body is `unreachable`, so a
 *   program that never touches JS runs, and one that does traps at that call;
 * - a `_start` is added that does what the JS host does (`_initialize`, then `ruby-init` with the
 *   host's arguments followed by WASI's argv, then eval of BOOTSTRAP, which is fixed): ruby-init
 *   leaves WASI's argv in ARGV, and BOOTSTRAP takes argv[0], `-e` and the program from there;
 * - only `memory` and `_start` stay exported: a command has no `_initialize` (node:wasi refuses
 *   both), and the JS host's entry points (`ruby-init`, asyncify's, wasi-vfs's packer) are for
 *   nobody here; the functions stay, only their export names go.
 */
export const BRIDGE_MODULES = ['rb-js-abi-host', 'canonical_abi'];

/**
 * What ruby.wasm's JS host passes to `ruby-init` (vm.initialize's defaults; `-e_=0` only parses),
 * then `--`, so WASI's argv goes to ARGV whole even if an argument starts with `-`.
 */
export const RUBY_INIT_ARGS = ['ruby', '-EUTF-8', '-e_=0', '--'];

/**
 * What `_start` evaluates, the same in every artifact: `ruby -e` as this command's own option
 * parser. $0 is WASI's argv[0] (as a C guest's argv[0]), then `-e PROGRAM` is taken off ARGV and
 * PROGRAM runs at top level; the exit status is the one real `ruby` gives (exit's status, 1 after an
 * uncaught exception, whose report goes to stderr), through exit!, which is proc_exit. It defines
 * no local variable: the program shares TOPLEVEL_BINDING.
 */
export const BOOTSTRAP = [
  '$0 = ARGV.shift',
  '$wasi_matrix_status = begin',
  '  unless ARGV[0] == "-e" && ARGV.length >= 2',
  '    raise ArgumentError, "usage: #{$0} -e PROGRAM [ARG...] (this ruby takes its program as -e, got #{ARGV.first.to_s[0, 40].inspect})"',
  '  end',
  '  ARGV.shift',
  '  eval(ARGV.shift, TOPLEVEL_BINDING, "-e", 1)',
  '  0',
  'rescue SystemExit',
  '  $!.status',
  'rescue Exception',
  '  $stderr.write($!.full_message(highlight: false))',
  '  1',
  'end',
  '$stdout.flush',
  '$stderr.flush',
  'exit!($wasi_matrix_status)',
  '',
].join('\n');

export interface Linked {
  wasm: Uint8Array;
  /** The imports now stubbed, `module.name`. */
  stubbed: string[];
}

const I32 = binaryen.i32;
const utf8 = (s: string) => new TextEncoder().encode(s);

/** The internal name of the function an export (matched by name, or by the name before `:` in WIT-style exports) points to. */
function exported(m: binaryen.Module, name: string): string {
  for (let i = 0; i < m.getNumExports(); i++) {
    const e = binaryen.getExportInfo(m.getExportByIndex(i));
    if (e.kind === binaryen.ExternalFunction && (e.name === name || e.name.startsWith(`${name}:`))) return e.value;
  }
  throw new Error(`the interpreter module exports no function ${name}`);
}

/** ruby.wasm's reactor as a WASI command (`<argv0> -e PROGRAM [arg…]`); `bootstrap` is for tests. */
export function linkRuby(core: Uint8Array, bootstrap: string = BOOTSTRAP): Linked {
  const m = binaryen.readBinary(core);
  try {
    const stubbed: string[] = [];
    const imports: binaryen.FunctionInfo[] = [];
    for (let i = 0; i < m.getNumFunctions(); i++) {
      const f = binaryen.getFunctionInfo(m.getFunctionByIndex(i));
      if (f.module && BRIDGE_MODULES.includes(f.module)) imports.push(f);
    }
    // Functions are referred to by internal name, so a defined function of the same name takes every call.
    for (const f of imports) {
      m.removeFunction(f.name);
      m.addFunction(f.name, f.params, f.results, [], m.unreachable());
      stubbed.push(`${f.module}.${f.base}`);
    }

    const realloc = exported(m, 'cabi_realloc');
    const initialize = exported(m, '_initialize');
    const rubyInit = exported(m, 'ruby-init');
    const evalProtect = exported(m, 'rb-eval-string-protect');
    const pair = binaryen.createType([I32, I32]);
    m.addFunctionImport('wasi_matrix_args_sizes_get', 'wasi_snapshot_preview1', 'args_sizes_get', pair, I32);
    m.addFunctionImport('wasi_matrix_args_get', 'wasi_snapshot_preview1', 'args_get', pair, I32);

    m.addFunction('wasi_matrix_start', binaryen.none, binaryen.none, new Array(LOCALS).fill(I32), startBody(m, { realloc, initialize, rubyInit, evalProtect }, bootstrap));
    const names: string[] = [];
    for (let i = 0; i < m.getNumExports(); i++) names.push(binaryen.getExportInfo(m.getExportByIndex(i)).name);
    for (const name of names) if (name !== 'memory') m.removeExport(name);
    m.addFunctionExport('wasi_matrix_start', '_start');
    if (!m.validate()) throw new Error('binaryen rejected the linked module');
    return { wasm: m.emitBinary(), stubbed };
  } finally {
    m.dispose();
  }
}

// _start's locals.
const [SCRATCH, ARGC, ARGV, BUF, LIST, I, P, Q, PROG] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const LOCALS = 9;

interface Entry { realloc: string; initialize: string; rubyInit: string; evalProtect: string }

function startBody(m: binaryen.Module, fn: Entry, program: string): number {
  const get = (l: number) => m.local.get(l, I32);
  const set = (l: number, v: number) => m.local.set(l, v);
  const c = (n: number) => m.i32.const(n);
  const add = (a: number, b: number) => m.i32.add(a, b);
  const alloc = (align: number, size: number) => m.call(fn.realloc, [c(0), c(0), c(align), size], I32);
  // Every string ruby.wasm takes is NUL-terminated, its length counting the NUL (as its JS host passes them).
  const fixed = RUBY_INIT_ARGS.map((a) => utf8(`${a}\0`));
  const text = utf8(`${program}\0`);

  /** Stores constant bytes at the address in local `at`, four at a time. */
  const bytes = (at: number, data: Uint8Array): number[] => {
    const out: number[] = [];
    for (let o = 0; o < data.length; o += 4) {
      const n = Math.min(4, data.length - o);
      if (n === 4) out.push(m.i32.store(o, 1, get(at), c(new DataView(data.buffer, data.byteOffset + o, 4).getInt32(0, true))));
      else for (let k = 0; k < n; k++) out.push(m.i32.store8(o + k, 1, get(at), c(data[o + k]!)));
    }
    return out;
  };
  const wasiOk = (call: number) => m.if(call, m.unreachable());

  // list[index] = (pointer, length): the canonical ABI's list<string> element.
  const element = (index: number, ptr: number, len: number) => [
    m.i32.store(0, 4, add(get(LIST), m.i32.mul(index, c(8))), ptr),
    m.i32.store(4, 4, add(get(LIST), m.i32.mul(index, c(8))), len),
  ];

  return m.block(null, [
    m.call(fn.initialize, [], binaryen.none),
    set(SCRATCH, alloc(4, c(8))),
    wasiOk(m.call('wasi_matrix_args_sizes_get', [get(SCRATCH), add(get(SCRATCH), c(4))], I32)),
    set(ARGC, m.i32.load(0, 4, get(SCRATCH))),
    set(ARGV, alloc(4, m.i32.mul(get(ARGC), c(4)))),
    set(BUF, alloc(1, m.i32.load(4, 4, get(SCRATCH)))),
    wasiOk(m.call('wasi_matrix_args_get', [get(ARGV), get(BUF)], I32)),
    // The fixed arguments, then WASI's whole argv: ruby puts what follows `--` into ARGV, and
    // BOOTSTRAP takes argv[0] from there as $0, then `-e PROGRAM`.
    set(LIST, alloc(4, m.i32.mul(add(get(ARGC), c(fixed.length)), c(8)))),
    ...fixed.flatMap((a, k) => [set(P, alloc(1, c(a.length))), ...bytes(P, a), ...element(c(k), get(P), c(a.length))]),
    set(I, c(0)),
    m.block('args', [
      m.loop('arg', m.block(null, [
        m.br('args', m.i32.ge_u(get(I), get(ARGC))),
        set(P, m.i32.load(0, 4, add(get(ARGV), m.i32.mul(get(I), c(4))))),
        set(Q, get(P)),
        m.loop('nul', m.if(m.i32.load8_u(0, 1, get(Q)), m.block(null, [set(Q, add(get(Q), c(1))), m.br('nul')]))),
        ...element(add(get(I), c(fixed.length)), get(P), add(m.i32.sub(get(Q), get(P)), c(1))),
        set(I, add(get(I), c(1))),
        m.br('arg'),
      ])),
    ]),
    m.call(fn.rubyInit, [get(LIST), add(get(ARGC), c(fixed.length))], binaryen.none),
    set(PROG, alloc(1, c(text.length))),
    ...bytes(PROG, text),
    m.drop(m.call(fn.evalProtect, [get(PROG), c(text.length)], I32)),
    // BOOTSTRAP ends with exit!, so returning here means it could not run at all.
    m.unreachable(),
  ]);
}
