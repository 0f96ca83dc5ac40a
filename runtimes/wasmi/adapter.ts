import { execa } from 'execa';
import type { Detection, RawOutcome, RuntimeAdapter } from '../../src/types.ts';

const NO_COMPONENTS = 'wasmi runs core modules with WASI preview1; it has no component-model support';

/** The Wasmi CLI (an interpreter), built from crates.io. */
const wasmi: RuntimeAdapter = {
  id: 'wasmi',
  targets: { p1: { ok: true }, p2: { ok: false, reason: NO_COMPONENTS }, p3: { ok: false, reason: NO_COMPONENTS } },

  async detect(where): Promise<Detection> {
    if (!where.binary) return { available: false, reason: where.missing ?? 'wasmi not found', hint: 'npm run provision (cargo install wasmi_cli)' };
    const r = await execa(where.binary, ['--version'], { reject: false });
    const m = /wasmi(?:_cli)? (\S+)/.exec(r.stdout);
    if (r.exitCode !== 0 || !m) return { available: false, reason: `\`${where.binary} --version\` failed: ${r.stderr || r.stdout}` };
    return { available: true, version: m[1]!, path: where.binary };
  },

  // `--dir` preopens a host directory under its own host path (no HOST::GUEST form), so the guest
  // is told that path wherever the invocation names the guest one.
  command(inv, where) {
    const remap = new Map(inv.preopens.map((p) => [p.guest, p.host]));
    const args = ['run', ...inv.extraFlags];
    for (const p of inv.preopens) args.push('--dir', p.host);
    for (const [k, v] of Object.entries(inv.env)) args.push('--env', `${k}=${v}`);
    args.push(inv.artifact, ...inv.args.map((a) => remap.get(a) ?? a));
    return {
      file: where.binary!,
      args,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      flags: inv.extraFlags,
      notes: [...remap.keys()].map((g) => `preopen ${g} placed at its host path (wasmi --dir cannot rename), and arguments naming it rewritten`),
    };
  },

  needFlags: (need) => (need === 'listener' ? ['--tcplisten', '127.0.0.1:${port}'] : []),

  normalize(raw: RawOutcome): RawOutcome {
    if (raw.exitCode === 0) return raw;
    const trap = /^Error: .*(?:trap|unreachable|out of bounds|divide|overflow).*$/im.exec(raw.stderr);
    if (trap) return { ...raw, trap: trap[0].slice(7) };
    const err = /^Error: (.*)$/m.exec(raw.stderr);
    return err ? { ...raw, internalError: err[1]! } : raw;
  },
};

export default wasmi;
