import { join, posix } from 'node:path';
import { npmTool } from '../../src/npm-bin.ts';
import { ROOT } from '../../src/paths.ts';
import type { RawOutcome, RuntimeAdapter } from '../../src/types.ts';

const host = join(ROOT, 'runtimes', 'wasmer-js', 'host.mjs');
/** The sdk's sandbox accepts files only under /workspace. */
const MOUNT = '/workspace';

/** @wasmer/sdk (Wasmer + WASIX compiled to wasm) in a child Node process. */
const wasmerJs: RuntimeAdapter = {
  id: 'wasmer-js',
  targets: {
    p1: { ok: true },
    p2: { ok: false, reason: '@wasmer/sdk runs WASI/WASIX core modules, not components' },
    p3: { ok: false, reason: '@wasmer/sdk runs WASI/WASIX core modules, not components' },
  },

  async detect() {
    const t = npmTool('@wasmer/sdk');
    if ('missing' in t) return { available: false, reason: t.missing };
    return { available: true, version: t.version, path: t.dir };
  },

  command(inv, where) {
    const remap = new Map(inv.preopens.map((p) => [p.guest, posix.join(MOUNT, p.guest)]));
    const spec = {
      artifact: inv.artifact,
      args: inv.args.map((a) => remap.get(a) ?? a),
      env: inv.env,
      preopens: inv.preopens.map((p) => ({ host: p.host, guest: remap.get(p.guest)! })),
    };
    // The sdk compiles the guest with the host's V8, so V8's own cap applies to the guest's memory.
    // V8 11 (Node 20) capped this way crashes now and then (SIGSEGV at the cap) unless its GC runs on one thread.
    const memory = inv.memoryBytes ? [`--wasm-max-mem-pages=${Math.ceil(inv.memoryBytes / 65536)}`, '--single-threaded-gc'] : [];
    return {
      file: where.binary ?? process.execPath,
      args: [...memory, host, JSON.stringify(spec)],
      env: {},
      ...(memory.length ? { memoryLimit: memory.join(' ') } : {}),
      notes: [...remap].map(([from, to]) => `preopen ${from} placed at ${to}, and arguments naming it rewritten`),
    };
  },

  normalize(raw: RawOutcome): RawOutcome {
    const trap = /RuntimeError: (?:js: )?(.*)/.exec(raw.stderr);
    if (trap && raw.exitCode !== 0) return { ...raw, trap: trap[1]! };
    const err = /^wasmer-js host error: (.*)$/m.exec(raw.stderr);
    return err ? { ...raw, internalError: err[1]! } : raw;
  },
};

export default wasmerJs;
