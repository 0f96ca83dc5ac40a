import { detectOnPath } from '../../src/path-tool.ts';
import type { RawOutcome, RuntimeAdapter } from '../../src/types.ts';

const NO_COMPONENTS = 'WasmEdge runs core modules; it has no component-model support';

/** WasmEdge is in no registry this project may use: found on PATH, or UNAVAILABLE. */
const wasmedge: RuntimeAdapter = {
  id: 'wasmedge',
  targets: { p1: { ok: true }, p2: { ok: false, reason: NO_COMPONENTS }, p3: { ok: false, reason: NO_COMPONENTS } },

  detect: (where) =>
    detectOnPath(where, ['--version'], /wasmedge version (\S+)/i, 'install from https://wasmedge.org/docs/start/install (install.sh or a distro package)'),

  command(inv, where) {
    const args = ['run', ...inv.extraFlags];
    for (const p of inv.preopens) args.push('--dir', `${p.guest}:${p.host}`);
    for (const [k, v] of Object.entries(inv.env)) args.push('--env', `${k}=${v}`);
    args.push(inv.artifact, ...inv.args);
    return { file: where.binary!, args, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, flags: inv.extraFlags };
  },

  normalize(raw: RawOutcome): RawOutcome {
    const trap = /\[error\].*execution failed: (.*)/.exec(raw.stderr);
    return trap && raw.exitCode !== 0 ? { ...raw, trap: trap[1]! } : raw;
  },
};

export default wasmedge;
