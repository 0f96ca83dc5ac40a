import { execa } from 'execa';
import { runtimeHome } from '../../src/paths.ts';
import type { Detection, RawOutcome, RuntimeAdapter } from '../../src/types.ts';

const NO_COMPONENTS = 'wazero implements WASI preview1 for core modules; it has no component-model support';

/** The wazero CLI (Go), built from the Go module proxy. */
const wazero: RuntimeAdapter = {
  id: 'wazero',
  targets: { p1: { ok: true }, p2: { ok: false, reason: NO_COMPONENTS }, p3: { ok: false, reason: NO_COMPONENTS } },

  async detect(where): Promise<Detection> {
    if (!where.binary) return { available: false, reason: where.missing ?? 'wazero not found', hint: 'npm run provision (go install github.com/tetratelabs/wazero/cmd/wazero)' };
    const r = await execa(where.binary, ['version'], { reject: false });
    const m = /^v?(\d\S*)/.exec(r.stdout.trim());
    if (r.exitCode !== 0 || !m) return { available: false, reason: `\`${where.binary} version\` failed: ${r.stderr || r.stdout}` };
    return { available: true, version: m[1]!, path: where.binary };
  },

  // The flags the wasi-testsuite's wazero adapter passes, less its host logging (it writes to stderr);
  // -cachedir keeps compiled code between runs, as wasmtime's default cache does.
  command(inv, where) {
    const args = ['run', `-cachedir=${runtimeHome('wazero')}/cache`, ...inv.extraFlags];
    for (const [k, v] of Object.entries(inv.env)) args.push(`-env=${k}=${v}`);
    for (const p of inv.preopens) args.push(`-mount=${p.host}:${p.guest}`);
    // wazero drops a leading `--` only when more arguments follow it, so a lone one would reach the guest.
    args.push(inv.artifact, ...(inv.args.length ? ['--', ...inv.args] : []));
    return { file: where.binary!, args, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: runtimeHome('wazero') }, flags: inv.extraFlags };
  },

  // Its network is what the guest is handed: a listener it opens for the guest (fd 3), nothing else.
  needFlags: (need) => (need === 'listener' ? ['-listen=127.0.0.1:${port}'] : []),

  normalize(raw: RawOutcome): RawOutcome {
    if (raw.exitCode === 0) return raw;
    const trap = /wasm error: (.*)/.exec(raw.stderr);
    if (trap) return { ...raw, trap: trap[1]! };
    const load = /^(error (?:compiling|instantiating) wasm binary: .*)$/m.exec(raw.stderr);
    return load ? { ...raw, internalError: load[1]! } : raw;
  },
};

export default wazero;
