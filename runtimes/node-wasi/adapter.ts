import { join } from 'node:path';
import { ROOT } from '../../src/paths.ts';
import type { RawOutcome, RuntimeAdapter } from '../../src/types.ts';

const host = join(ROOT, 'runtimes', 'node-wasi', 'host.mjs');

/** node:wasi in a child Node process, so that a hung guest can be killed. */
const nodeWasi: RuntimeAdapter = {
  id: 'node-wasi',
  targets: {
    p1: { ok: true },
    p2: { ok: false, reason: 'node:wasi implements preview1 only; it cannot load components' },
    p3: { ok: false, reason: 'node:wasi implements preview1 only; it cannot load components' },
  },

  async detect(where) {
    return { available: true, version: process.versions.node, path: where.binary ?? process.execPath };
  },

  command(inv, where) {
    const spec = { artifact: inv.artifact, args: inv.args, env: inv.env, preopens: Object.fromEntries(inv.preopens.map((p) => [p.guest, p.host])) };
    return {
      file: where.binary ?? process.execPath,
      args: ['--disable-warning=ExperimentalWarning', host, JSON.stringify(spec)],
      env: {},
    };
  },

  normalize(raw: RawOutcome): RawOutcome {
    const trap = /RuntimeError: (.*)/.exec(raw.stderr);
    return trap && raw.exitCode !== 0 ? { ...raw, trap: trap[1]! } : raw;
  },
};

export default nodeWasi;
