import { execa } from 'execa';
import semver from 'semver';
import { runtimeHome } from '../../src/paths.ts';
import type { Detection, RawOutcome, RuntimeAdapter } from '../../src/types.ts';

const NO_COMPONENTS = 'the wasmer CLI has no component-model support';

const wasmer: RuntimeAdapter = {
  id: 'wasmer',
  targets: {
    p1: { ok: true },
    p2: { ok: false, reason: NO_COMPONENTS },
    p3: { ok: false, reason: NO_COMPONENTS },
  },

  async detect(where): Promise<Detection> {
    if (!where.binary) {
      return {
        available: false,
        reason: where.missing ?? 'wasmer not found',
        hint: 'npm run provision (cargo install wasmer-cli --features cranelift)',
      };
    }
    const r = await execa(where.binary, ['--version'], { reject: false });
    const m = /wasmer (\S+)/.exec(r.stdout);
    if (r.exitCode !== 0 || !m) return { available: false, reason: `\`${where.binary} --version\` failed: ${r.stderr || r.stdout}` };
    return { available: true, version: m[1]!, path: where.binary };
  },

  command(inv, where, version) {
    // 7.x replaced --mapdir GUEST:HOST with --volume HOST:GUEST.
    const seven = semver.gte(semver.coerce(version) ?? '0.0.0', '7.0.0');
    const args = ['run', ...inv.extraFlags];
    for (const p of inv.preopens) args.push(...(seven ? ['--volume', `${p.host}:${p.guest}`] : ['--mapdir', `${p.guest}:${p.host}`]));
    for (const [k, v] of Object.entries(inv.env)) args.push('--env', `${k}=${v}`);
    args.push(inv.artifact, '--', ...inv.args);
    return { file: where.binary!, args, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: runtimeHome('wasmer') }, flags: inv.extraFlags };
  },

  proposalFlags(proposal) {
    const names: Record<string, string> = {
      simd: 'simd', 'relaxed-simd': 'relaxed-simd', threads: 'threads', 'multi-value': 'multi-value', 'bulk-memory': 'bulk-memory',
      'tail-call': 'tail-call', 'multi-memory': 'multi-memory', memory64: 'memory64', exnref: 'exceptions', 'legacy-eh': 'exceptions',
      'extended-const': 'extended-const', 'function-references': 'reference-types', 'wasi-threads': 'threads',
    };
    return names[proposal] ? [`--enable-${names[proposal]}`] : null;
  },

  normalize(raw: RawOutcome): RawOutcome {
    if (raw.exitCode === 0) return raw;
    const trap = /RuntimeError: (.*)/.exec(raw.stderr);
    if (trap) return { ...raw, trap: trap[1]! };
    // The module never ran: it did not compile, link or instantiate, or no backend takes its features.
    const load = /(compile error: .*|error: .*(?:instantiat|link|No backends support).*|Failed to create the instance - .*)$/m.exec(raw.stderr);
    return load ? { ...raw, internalError: load[1]! } : raw;
  },
};

export default wasmer;
