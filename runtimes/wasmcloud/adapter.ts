import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { runtimeHome } from '../../src/paths.ts';
import { artifactSha, coldOnly, prepared } from '../../src/prepared.ts';
import type { CommandSpec, Detection, Invocation, RawOutcome, RuntimeAdapter } from '../../src/types.ts';

/**
 * wasmCloud, as its runtime library runs a component: crates.io `wash-runtime` 0.1.0 ("The
 * wasmCloud Team", repository wasmCloud/wash), a host and workload API over wasmtime 31. It has
 * no command line, so `runtimes/wasmcloud/host` (ours, a few lines over its API, built into the
 * cache by provisioning) turns one into a workload: a wasi:http component served by wash-runtime's
 * own HTTP server plugin, or a wasi:cli/run component deployed as the workload's service.
 * No lattice (NATS, wadm, providers) is involved: that is the old v1 host's world, which `wash up`
 * downloads from GitHub releases.
 */

/** What wash-runtime 0.1.0 links, from its source (engine/mod.rs, engine/workload.rs, host/mod.rs). */
export const WASH_RUNTIME = {
  p1: 'wash-runtime compiles every workload with wasmtime::component::Component::new: components only, no core modules',
  p3: 'wash-runtime 0.1.0 is built on wasmtime 31 and links wasmtime-wasi\'s WASI 0.2 interfaces only (add_to_linker_async; Host::wit_world lists @0.2.0): there is no WASI 0.3 host in it',
  network:
    'wash-runtime 0.1.0 builds every WasiCtx with WasiCtxBuilder::new() and neither inherit_network nor a socket_addr_check (engine/workload.rs new_store, new_service_store), whose default refuses every address; a workload has no setting for it (LocalResources.allowed_hosts is read nowhere)',
  args: 'wash-runtime 0.1.0 gives a service no arguments: new_service_store builds its WasiCtx from LocalResources.environment and inherited stdout/stderr only',
} as const;

/** Said on every cell: the allocator the host program chooses for wash-runtime's engine (see its main.rs). */
const ALLOCATOR = 'wash-runtime engine with wasmtime\'s on-demand allocator (EngineBuilder::with_pooling_allocator(false)): its pooling default maps 2 GiB of async stacks writable up front';

/** wasmcloud-host's status for a service that failed without exiting (a trap, an instantiation that failed). */
const FAILED = 70;

/** A clean environment: RUST_LOG or RUST_BACKTRACE of the caller would change nothing we read, but keep runs alike. */
const env = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin' });

function common(inv: Invocation): string[] {
  const args: string[] = [];
  for (const [k, v] of Object.entries(inv.env)) args.push('--env', `${k}=${v}`);
  return args;
}

/**
 * wasmtime's compiled-code cache, which the host program switches on in wash-runtime's engine
 * (--compile-cache): wash-runtime has none, and compiled a Ruby guest (30 MB) in ~87 s every cell.
 * The component is compiled into it once per (artifact, host build), by `wasmcloud-host compile`
 * (Component::new on the same engine, as wash-runtime does), outside the cell's time limit and
 * once for cells of one artifact running side by side; the cell's run then loads it from the
 * cache. What fails to compile is left to the run, whose error is wash-runtime's own.
 * WASI_MATRIX_COLD=1: no cache, as wash-runtime runs by default.
 */
async function compileCache(inv: Invocation, binary: string): Promise<{ args: string[]; notes: string[] }> {
  if (coldOnly()) return { args: [], notes: [] };
  const cache = join(runtimeHome('wasmcloud'), 'compile-cache');
  const args = ['--compile-cache', cache];
  const artifact = resolve(inv.workDir, inv.artifact);
  try {
    // The binary's path names the host build (the cache folder is keyed by its project's content).
    const prep = await prepared('wasmcloud', { artifact: await artifactSha(artifact), host: binary }, async () => {
      // Ten cell limits, as for wasmtime's precompile: a compile cut short is not cached.
      await execa(binary, ['compile', ...args, artifact], { env: env(), extendEnv: false, timeout: inv.timeoutMs * 10 });
    });
    const what = prep.madeMs === undefined ? 'compiled earlier' : `compiled once in ${prep.madeMs} ms`;
    return { args, notes: [`${what}, loaded from wasmtime's compile cache (home/wasmcloud/compile-cache, key ${prep.key.slice(0, 12)})`] };
  } catch {
    return { args, notes: [] };
  }
}

const wasmcloud: RuntimeAdapter = {
  id: 'wasmcloud',
  targets: {
    p1: { ok: false, reason: WASH_RUNTIME.p1 },
    p2: { ok: true },
    p3: { ok: false, reason: WASH_RUNTIME.p3 },
  },

  async detect(where): Promise<Detection> {
    const hint = 'npm run provision -- --profile=full (builds runtimes/wasmcloud/host, wash-runtime 0.1.0 from crates.io, into the cache)';
    if (!where.binary) return { available: false, reason: where.missing ?? 'not built', hint };
    const r = await execa(where.binary, ['--version'], { reject: false, env: env(), extendEnv: false });
    // "wasmcloud-host 0.1.0 (wash-runtime 0.1.0)": the version is the one wash-runtime reports of itself.
    const m = /\(wash-runtime (\S+)\)/.exec(r.stdout);
    if (r.exitCode !== 0 || !m) return { available: false, reason: `\`${where.binary} --version\` failed: ${r.stderr || r.stdout}`, hint };
    return { available: true, version: m[1]!, path: where.binary, detail: r.stdout.trim() };
  },

  async command(inv, where): Promise<CommandSpec> {
    const cache = await compileCache(inv, where.binary!);
    const args = ['run', ...cache.args, ...common(inv)];
    for (const p of inv.preopens) args.push('--dir', `${p.host}::${p.guest}`);
    args.push(inv.artifact);
    const notes = [ALLOCATOR, ...cache.notes];
    if (inv.args.length) notes.push(`arguments not passed (${inv.args.length}): ${WASH_RUNTIME.args}`);
    if (inv.preopens.length) notes.push('preopens are volumes mounted on an empty carrier component: wash-runtime 0.1.0 preopens in a service\'s store the volume mounts of the workload\'s components, not the service\'s own');
    return { file: where.binary!, args, env: env(), flags: [], notes };
  },

  // wash-runtime's HttpServer plugin on 127.0.0.1:port; the component is bound to host "*".
  async serve(inv, where, _version, port): Promise<CommandSpec> {
    const cache = await compileCache(inv, where.binary!);
    return { file: where.binary!, args: ['serve', '--addr', `127.0.0.1:${port}`, ...cache.args, ...common(inv), inv.artifact], env: env(), flags: [], notes: [ALLOCATOR, ...cache.notes] };
  },

  // wasi:http (types, outgoing-handler) is in every workload's linker with the default feature set.
  needFlags: () => [],

  cannotGrant: (need) =>
    need === 'network' ? WASH_RUNTIME.network
    : need === 'listener' ? 'wash-runtime hands a guest no preopened socket (components only, and no network grant)'
    : null,

  normalize(raw: RawOutcome): RawOutcome {
    const usage = /^wasmcloud-host: (usage: .*|unknown option .*|unexpected argument .*|.* needs a value|--\w+ wants .*)$/m.exec(raw.stderr);
    if (raw.exitCode === 2 && usage) return { ...raw, usageError: usage[1]! };
    if (raw.exitCode !== FAILED) return raw;
    // A service that ended in an error other than wasi:cli/exit, in wash-runtime's words.
    const failed = /^wasmcloud-host: service failed: (.*)$/m.exec(raw.stderr)?.[1];
    if (failed?.startsWith('error while executing at wasm backtrace')) {
      // wash-runtime logs only the outermost context of the service's error, so wasi:cli/exit (an
      // I32Exit error, status 0 included) and a trap both read "error while executing at wasm
      // backtrace". The frame that called into the host tells them apart: an exit call stays a run
      // that ended with no status (exit 70 against the case's code), anything else is a trap.
      const top = /^\s+0: +0x[0-9a-f]+ - (.*)$/m.exec(raw.stderr)?.[1] ?? '';
      return /exit/i.test(top) ? { ...raw, exitLost: 'the guest left through wasi:cli/exit, and wash-runtime reports no status for that' } : { ...raw, trap: `${failed} ${top}`.trim() };
    }
    // Anything else: the workload did not start (compile, link), as wash-runtime or wasmtime put it.
    const why = failed ?? /^wasmcloud-host: (.*)$/m.exec(raw.stderr)?.[1];
    return why ? { ...raw, internalError: why } : raw;
  },
};

export default wasmcloud;
