import { detectOnPath } from '../../src/path-tool.ts';
import type { RawOutcome, RuntimeAdapter } from '../../src/types.ts';

const NO_COMPONENTS = 'WAMR (iwasm) runs core modules; it has no component-model support';

/** WAMR's iwasm is in no registry this project may use: found on PATH, or UNAVAILABLE. */
const wamr: RuntimeAdapter = {
  id: 'wamr',
  targets: { p1: { ok: true }, p2: { ok: false, reason: NO_COMPONENTS }, p3: { ok: false, reason: NO_COMPONENTS } },

  detect: (where) =>
    detectOnPath(where, ['--version'], /iwasm (\S+)/, 'build iwasm from https://github.com/bytecodealliance/wasm-micro-runtime (product-mini/platforms/linux)'),

  command(inv, where) {
    const args: string[] = [...inv.extraFlags];
    for (const p of inv.preopens) args.push(`--map-dir=${p.guest}::${p.host}`);
    for (const [k, v] of Object.entries(inv.env)) args.push(`--env=${k}=${v}`);
    args.push(inv.artifact, ...inv.args);
    return { file: where.binary!, args, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, flags: inv.extraFlags };
  },

  normalize(raw: RawOutcome): RawOutcome {
    const trap = /Exception: (.*)/.exec(raw.stderr + raw.stdout);
    return trap && raw.exitCode !== 0 ? { ...raw, trap: trap[1]! } : raw;
  },
};

export default wamr;
