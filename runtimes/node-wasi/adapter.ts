import { join } from 'node:path';
import { jsHost } from '../../src/js-host.ts';
import { ROOT } from '../../src/paths.ts';
import type { RawOutcome, RuntimeAdapter } from '../../src/types.ts';

const host = join(ROOT, 'runtimes', 'node-wasi', 'host.mjs');

/** node:wasi in a child Node process, so that a hung guest can be killed; its version is Node's. */
const nodeWasi: RuntimeAdapter = {
  id: 'node-wasi',
  targets: {
    p1: { ok: true },
    p2: { ok: false, reason: 'node:wasi implements preview1 only; it cannot load components' },
    p3: { ok: false, reason: 'node:wasi implements preview1 only; it cannot load components' },
  },

  async detect(where) {
    try {
      const node = await jsHost(where);
      return { available: true, version: node.version, path: node.binary };
    } catch (e) {
      return { available: false, reason: (e as Error).message };
    }
  },

  async command(inv, where) {
    const node = await jsHost(where);
    const spec = { artifact: inv.artifact, args: inv.args, env: inv.env, preopens: Object.fromEntries(inv.preopens.map((p) => [p.guest, p.host])) };
    // V8 11 (Node 20) capped this way crashes now and then (SIGSEGV at the cap) unless its GC runs on one thread.
    const memory = inv.memoryBytes ? [`--wasm-max-mem-pages=${Math.ceil(inv.memoryBytes / 65536)}`, '--single-threaded-gc'] : [];
    return {
      file: node.binary,
      args: [...inv.extraFlags, ...memory, '--disable-warning=ExperimentalWarning', host, JSON.stringify(spec)],
      env: {},
      flags: inv.extraFlags,
      ...(memory.length ? { memoryLimit: memory.join(' ') } : {}),
    };
  },

  // V8's switches as Node 20 (V8 11.3) names them; later V8s renamed or shipped several.
  proposalFlags(proposal) {
    const v8: Record<string, string> = {
      gc: '--experimental-wasm-gc', 'extended-const': '--experimental-wasm-extended-const', memory64: '--experimental-wasm-memory64',
      'relaxed-simd': '--experimental-wasm-relaxed-simd', 'tail-call': '--experimental-wasm-return-call',
      'function-references': '--experimental-wasm-typed-funcref',
    };
    return v8[proposal] ? [v8[proposal]] : null;
  },

  normalize(raw: RawOutcome): RawOutcome {
    if (raw.exitCode === 0) return raw;
    const trap = /RuntimeError: (.*)/.exec(raw.stderr);
    if (trap) return { ...raw, trap: trap[1]! };
    // V8 reports an exhausted call stack as a JS RangeError: the guest's when wasm frames overflowed.
    const stack = /RangeError: (Maximum call stack size exceeded)\n\s+at (.*)/.exec(raw.stderr);
    if (stack) return { ...raw, ...(/wasm-function/.test(stack[2]!) ? { trap: `call stack exhausted (${stack[1]})` } : { internalError: stack[1]! }) };
    // An import node:wasi does not provide (e.g. wasi-threads' `wasi` module) is a TypeError at instantiation.
    const load = /(CompileError|LinkError|TypeError: WebAssembly\.instantiate\(\)): (.*)/.exec(raw.stderr);
    return load ? { ...raw, internalError: `Node cannot load the guest: ${load[1]}: ${load[2]}` } : raw;
  },
};

export default nodeWasi;
