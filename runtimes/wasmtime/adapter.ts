import { join, resolve } from 'node:path';
import { execa } from 'execa';
import semver from 'semver';
import { runtimeHome } from '../../src/paths.ts';
import { artifactSha, coldOnly, prepared } from '../../src/prepared.ts';
import type { CommandSpec, Detection, Invocation, RawOutcome, RuntimeAdapter } from '../../src/types.ts';

/** p3 became default in 46; 37–45 need it switched on (and implement a 0.3 RC, not 0.3.0). */
function p3Flags(version: string): string[] | null {
  const v = semver.coerce(version);
  if (!v) return null;
  if (semver.gte(v, '46.0.0')) return [];
  if (semver.gte(v, '37.0.0')) return ['-Wcomponent-model-async', '-Sp3'];
  return null;
}

/**
 * A clean environment (the host's RUST_BACKTRACE would change what wasmtime prints), with a
 * HOME of our own so wasmtime's compiled-code cache works the same for everyone.
 */
const env = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: runtimeHome('wasmtime') });

/** Flags that shape compiled code (wasm features, codegen, optimisation, debug): a precompiled module must match them. */
const shapesCode = (flag: string) => /^-[WCOD]/.test(flag);

/**
 * The artifact compiled ahead by `wasmtime compile`, once per (artifact, wasmtime version, flags
 * that shape code), and run with --allow-precompiled, the guest's argv[0] kept. wasmtime's own
 * cache already spares the compilation; this spares hashing and loading the module through it on
 * every run. What the version cannot compile runs as given, so its error is wasmtime's own.
 */
async function precompiled(inv: Invocation, binary: string, version: string, flags: string[], run: (module: string, extra: string[]) => CommandSpec): Promise<CommandSpec> {
  const artifact = resolve(inv.workDir, inv.artifact);
  const shaping = flags.filter(shapesCode);
  try {
    const prep = await prepared('wasmtime', { artifact: await artifactSha(artifact), version, flags: shaping }, async (dir) => {
      // The one-time compile gets ten cell limits: a JS engine's component (14-17 MB) took 24-35 s
      // here under load, and a compile cut at the cell's limit fell back to compiling inside the run,
      // which then timed out too (every JS http cell on a fresh cache, measured).
      await execa(binary, ['compile', ...shaping, '-o', join(dir, 'module.cwasm'), artifact], { env: env(), extendEnv: false, timeout: inv.timeoutMs * 10 });
    });
    const where = `wasmtime/${prep.key.slice(0, 12)}`;
    const cmd = run(join(prep.dir, 'module.cwasm'), ['--allow-precompiled', '--argv0', inv.artifact]);
    return { ...cmd, notes: [prep.madeMs === undefined ? `runs the module precompiled in ${where}` : `precompiled once in ${prep.madeMs} ms (cached in ${where})`] };
  } catch {
    return run(inv.artifact, []);
  }
}

const wasmtime: RuntimeAdapter = {
  id: 'wasmtime',
  targets: {
    p1: { ok: true },
    p2: { ok: true },
    p3: { ok: true },
  },

  supports: (target, version) =>
    target === 'p3' && p3Flags(version) === null ? { ok: false, reason: `wasmtime ${version} has no WASI 0.3 host (release builds have one from 37)` } : null,

  async detect(where): Promise<Detection> {
    if (!where.binary) return { available: false, reason: where.missing ?? 'no binary', hint: 'npm run provision' };
    const r = await execa(where.binary, ['--version'], { reject: false });
    const m = /wasmtime(?:-cli)? (\S+)/.exec(r.stdout);
    if (r.exitCode !== 0 || !m) return { available: false, reason: `\`${where.binary} --version\` failed: ${r.stderr || r.stdout}` };
    return { available: true, version: m[1]!, path: where.binary };
  },

  command(inv, where, version) {
    const flags = inv.target === 'p3' ? p3Flags(version) : [];
    if (flags === null) throw new Error(`wasmtime ${version} predates WASI 0.3 support (37+)`);
    const all = [...flags, ...inv.extraFlags];
    const memory = inv.memoryBytes ? [`-Wmax-memory-size=${inv.memoryBytes}`] : [];
    const run = (module: string, extra: string[]): CommandSpec => {
      const args = ['run', ...extra, ...all, ...memory];
      for (const [k, v] of Object.entries(inv.env)) args.push('--env', `${k}=${v}`);
      for (const p of inv.preopens) args.push('--dir', `${p.host}::${p.guest}`);
      args.push(module, ...inv.args);
      return { file: where.binary!, args, env: env(), flags: all, ...(memory.length ? { memoryLimit: memory[0]! } : {}) };
    };
    return coldOnly() ? run(inv.artifact, []) : precompiled(inv, where.binary!, version, [...all, ...memory], run);
  },

  // `serve` links wasi:cli only when asked: guests whose libc imports it (componentize-py's) need -Scli.
  // Precompiled as for `run`: compiling a JS engine's component (14 MB) alone took 24 s of the cell's 30.
  serve(inv, where, version, port) {
    const flags = [...(inv.target === 'p3' ? (p3Flags(version) ?? []) : []), '-Scli', ...inv.extraFlags];
    const memory = inv.memoryBytes ? [`-Wmax-memory-size=${inv.memoryBytes}`] : [];
    // A served guest gets exactly the case's environment (the harness servers' HTTP_SERVER_<NAME> among it) and preopens.
    const given = [...Object.entries(inv.env).flatMap(([k, v]) => ['--env', `${k}=${v}`]), ...inv.preopens.flatMap((p) => ['--dir', `${p.host}::${p.guest}`])];
    const serve = (module: string, extra: string[]): CommandSpec => ({
      file: where.binary!,
      // serve has no --argv0: only the switch that lets it load the precompiled module.
      args: ['serve', ...extra.filter((f) => f === '--allow-precompiled'), '--addr', `127.0.0.1:${port}`, ...flags, ...memory, ...given, module],
      env: env(),
      flags,
      ...(memory.length ? { memoryLimit: memory[0]! } : {}),
    });
    return coldOnly() ? serve(inv.artifact, []) : precompiled(inv, where.binary!, version, [...flags, ...memory], serve);
  },

  // Network access is off unless inherited; TCP and UDP are named too (off by default from 48);
  // wasi:http is linked into `run` only when asked for.
  // A preopened listener (p1's only way to serve) exists in the legacy p1 implementation alone.
  needFlags: (need) =>
    need === 'network' ? ['-Sinherit-network', '-Stcp', '-Sudp']
    : need === 'http' ? ['-Shttp']
    : need === 'listener' ? ['-Spreview2=n', '-Stcplisten=127.0.0.1:${port}']
    : [],

  // The legacy p1 implementation (wasi-common), the only one with a preopened listener, went in 47.
  cannotGrant: (need, version) =>
    need === 'listener' && semver.gte(semver.coerce(version) ?? '0.0.0', '47.0.0')
      ? 'a preopened TCP listener (-Stcplisten) existed only in the legacy p1 implementation, removed in 47'
      : null,

  // WASI 0.2.12 components call wasi:cli/exit.exit-with-code, which 36–45 link only behind a switch.
  flagsFor(error, version) {
    const v = semver.coerce(version) ?? '0.0.0';
    if (/exit-with-code/.test(error) && /wasi:cli\/exit@0\.2/.test(error) && semver.lt(v, '46.0.0')) return ['-Scli-exit-with-code'];
    return null;
  },

  proposalFlags(proposal, version) {
    const v = semver.coerce(version) ?? '0.0.0';
    // shared memory became its own switch in 40.
    const shared = semver.gte(v, '40.0.0') ? ',shared-memory' : '';
    // wasi-threads (the host's thread-spawn) was removed in 47: there is no switch left to try.
    if (proposal === 'wasi-threads') return semver.lt(v, '47.0.0') ? [`-Wthreads${shared}`, '-Sthreads'] : null;
    const w: Record<string, string> = {
      gc: 'gc,function-references', exnref: 'exceptions', 'legacy-eh': 'exceptions', 'relaxed-simd': 'relaxed-simd',
      'tail-call': 'tail-call', memory64: 'memory64', 'multi-memory': 'multi-memory', 'extended-const': 'extended-const',
      'function-references': 'function-references', threads: `threads${shared}`, simd: 'simd',
      'bulk-memory': 'bulk-memory', 'multi-value': 'multi-value',
    };
    return w[proposal] ? [`-W${w[proposal]}`] : null;
  },

  normalize(raw: RawOutcome): RawOutcome {
    // clap's usage errors (exit 2, lower-case "error:") are about our command line, not the guest.
    const usage = /^error: (.*)$/m.exec(raw.stderr);
    if (raw.exitCode === 2 && usage) return { ...raw, usageError: usage[1]! };
    const trap = /wasm trap: (.*)/.exec(raw.stderr);
    if (trap && raw.exitCode === 134) return { ...raw, trap: trap[1]! };
    // wasmtime's own failures read "Error: …" then "Caused by:": report the chain of causes.
    if (raw.exitCode === 0 || !raw.stderr.startsWith('Error: ') || !raw.stderr.includes('Caused by:')) return raw;
    // Numbered causes, outermost first; wasm backtrace frames (`0x13d - <unknown>!…`) are numbered too.
    const causes = [...raw.stderr.matchAll(/^\s+\d+: (.*)$/gm)].map((m) => m[1]!).filter((c) => !/^0x[0-9a-f]+ - /.test(c));
    const first = raw.stderr.split('\n')[0]!.slice(7);
    // A single cause is not numbered.
    const single = causes.length ? null : /^Caused by:\n\s+(.*)$/m.exec(raw.stderr)?.[1];
    // "failed to run main module" says nothing; the chain of causes says what was missing and why.
    const reason = first.startsWith('failed to') && causes.length ? causes.join(' → ') : single ? `${first}: ${single}` : first;
    return { ...raw, internalError: reason };
  },
};

export default wasmtime;
