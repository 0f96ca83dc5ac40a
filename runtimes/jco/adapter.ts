import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { execa } from 'execa';
import semver from 'semver';
import { hostVersion } from '../../src/expectations.ts';
import { sha256 } from '../../src/hash.ts';
import { hostedVersion, jsHost } from '../../src/js-host.ts';
import { npmTool, type NpmTool } from '../../src/npm-bin.ts';
import { ROOT } from '../../src/paths.ts';
import { artifactSha, coldOnly, prepared } from '../../src/prepared.ts';
import type { CommandSpec, Invocation, Located, RawOutcome, RuntimeAdapter } from '../../src/types.ts';
import { warmCommand, warmHostError } from '../../src/warm-host.ts';

const here = join(ROOT, 'runtimes', 'jco');
const transpiler = join(here, 'transpile.mjs');
const runner = join(here, 'runner.mjs');
const warmGuest = join(here, 'warm.mjs');
/** The options `jco run` and `jco serve` (without request isolation) transpile with, besides name and folder. */
const TRANSPILE_OPTIONS = { quiet: true, noTypescript: true, wasiShim: true };
/** The transpiled module's file name in the cache: one artifact may run under several guest names. */
const MODULE = 'component';

/**
 * What a guest granted the network is handed (the adapter's needFlags): preview2-shim's sockets stay
 * live, as `jco run` leaves them for every guest. Any other guest gets TCP, UDP and name lookup denied
 * through the shim's own setters.
 */
const ALLOW_NETWORK = 'allow-network';

/**
 * By default `jco run` hands the guest the whole host environment and preopens
 * host `/`, with the network live. A setup module (imported before the guest)
 * replaces them with exactly what the case declares, through preview2-shim's own setters.
 */
function setupModule(env: Record<string, string>, preopens: { host: string; guest: string }[], network: boolean): string {
  return [
    "import { _setEnv, _setCwd } from '@bytecodealliance/preview2-shim/cli';",
    "import { _setPreopens, _addPreopen } from '@bytecodealliance/preview2-shim/filesystem';",
    "import { _denyTcp, _denyUdp, _denyDnsLookup } from '@bytecodealliance/preview2-shim/sockets';",
    `_setEnv(${JSON.stringify(env)});`,
    '_setCwd(undefined);',
    '_setPreopens({});',
    ...preopens.map((p) => `_addPreopen(${JSON.stringify(p.guest)}, ${JSON.stringify(p.host)});`),
    ...(network ? [] : ['_denyTcp();', '_denyUdp();', '_denyDnsLookup();']),
    '',
  ].join('\n');
}

function jcoTool(): NpmTool {
  const t = npmTool('@bytecodealliance/jco');
  if ('missing' in t) throw new Error(t.missing);
  return t;
}

/** `jco run` / `jco serve` as they are: transpiles the component on every run. */
function coldCommand(verb: 'run' | 'serve', inv: Invocation, options: string[], node: string): CommandSpec {
  const t = jcoTool();
  // The setup module must sit inside jco's output dir so that it resolves the same preview2-shim instance.
  const dir = join(inv.workDir, 'jco');
  mkdirSync(dir, { recursive: true });
  const setup = join(dir, '_wasi_matrix_setup.mjs');
  writeFileSync(setup, setupModule(inv.env, inv.preopens, inv.extraFlags.includes(ALLOW_NETWORK)));
  // `jco run` starts the guest in a child Node, with V8 options taken from JCO_RUN_ARGS.
  const memory = verb === 'run' && inv.memoryBytes ? memoryFlags(inv).join(' ') : undefined;
  return {
    file: node,
    args: [t.script, verb, ...options, '--jco-dir', dir, '--jco-import', setup, inv.artifact, ...inv.args],
    env: memory ? { JCO_RUN_ARGS: memory } : {},
    ...(memory ? { memoryLimit: `JCO_RUN_ARGS=${memory}` } : {}),
  };
}

/** A package's folder as jco itself resolves it (its own nested copy first). */
function packageOf(t: NpmTool, pkg: string): { dir: string; version: string } | null {
  const dirs = createRequire(join(t.dir, 'package.json')).resolve.paths(pkg) ?? [];
  const dir = dirs.map((d) => join(d, pkg)).find((d) => existsSync(join(d, 'package.json')));
  return dir ? { dir, version: (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version } : null;
}

/**
 * The component transpiled once per (artifact, jco version, options) into the cache, laid out as
 * `jco run` lays out its folder: the JS and core modules, a package.json making them ES modules,
 * and node_modules links to the preview2-shim (and jco-std) that jco resolves, so the shim is the
 * same package and version that `jco run` would use. A p3 component's JS imports preview3-shim,
 * which jco resolves through jco-transpile: linked on every use (it is not part of the transpile),
 * so folders made before it was linked get it too.
 */
async function transpiled(inv: Invocation) {
  const { t, shim, std, scripts, shimReal, shim3Real } = await jcoFacts();
  const artifact = await realpath(resolve(inv.workDir, inv.artifact));
  const parts = { artifact: await artifactSha(artifact), jco: t.version, options: TRANSPILE_OPTIONS, shim, std, scripts };
  const prep = await prepared('jco', parts, async (dir) => {
    await execa(process.execPath, [transpiler, artifact, dir, MODULE, JSON.stringify(TRANSPILE_OPTIONS)], { env: {}, extendEnv: false, timeout: inv.timeoutMs * 10 });
    await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const modules = join(dir, 'node_modules', '@bytecodealliance');
    await mkdir(modules, { recursive: true });
    await symlink(shimReal, join(modules, 'preview2-shim'), 'dir');
    if (std) await symlink(await realpath(std.dir), join(modules, 'jco-std'), 'dir');
    await copyFile(runner, join(dir, '_run.mjs'));
  });
  const p3Link = join(prep.dir, 'node_modules', '@bytecodealliance', 'preview3-shim');
  if (shim3Real && !existsSync(p3Link)) await symlink(shim3Real, p3Link, 'dir').catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  // A p3 component's JS imports preview3-shim, whose filesystem keeps preopens of its own.
  const p3 = readFileSync(join(prep.dir, `${MODULE}.js`), 'utf8').includes('@bytecodealliance/preview3-shim');
  return { ...prep, shim: shimReal, p3 };
}

let facts: Promise<{ t: NpmTool; shim: { dir: string; version: string }; std: { dir: string; version: string } | null; scripts: string[]; shimReal: string; shim3Real: string | null }> | undefined;
/** What every cell's transpile is keyed by and linked to, looked up once per run: jco, the packages it resolves, our scripts. */
function jcoFacts() {
  facts ??= (async () => {
    const t = jcoTool();
    const shim = packageOf(t, '@bytecodealliance/preview2-shim');
    if (!shim) throw new Error(`jco ${t.version} resolves no @bytecodealliance/preview2-shim`);
    const std = packageOf(t, '@bytecodealliance/jco-std');
    const shim3 = packageOf(t, '@bytecodealliance/preview3-shim');
    return { t, shim, std, scripts: [sha256(readFileSync(transpiler)), sha256(readFileSync(runner))], shimReal: await realpath(shim.dir), shim3Real: shim3 ? await realpath(shim3.dir) : null };
  })();
  return facts;
}

/** V8's cap on the guest's memory, which `jco run` passes to its child Node in JCO_RUN_ARGS. */
function memoryFlags(inv: Invocation): string[] {
  // V8 11 (Node 20) capped this way crashes now and then (SIGSEGV at the cap) unless its GC runs on one thread.
  return inv.memoryBytes ? [`--wasm-max-mem-pages=${Math.ceil(inv.memoryBytes / 65536)}`, '--single-threaded-gc'] : [];
}

/**
 * jco running the component without transpiling it again: the cached output, run the way `jco run`
 * runs it, in a fresh worker of a warm host (one per Node, jco version and memory cap) that has
 * preview2-shim loaded already; a case that writes to the guest's stdin, and `jco serve`, run it
 * in a Node process of their own (the shim reads fd 0 itself). A component jco cannot transpile
 * runs through `jco run` itself, so its error is jco's own. WASI_MATRIX_COLD=1 runs every cell
 * through `jco run` / `jco serve` as they are.
 */
async function jcoCommand(verb: 'run' | 'serve', inv: Invocation, where: Located, version: string, port?: number): Promise<CommandSpec> {
  const options = port === undefined ? [] : ['--host', '127.0.0.1', '--port', String(port)];
  const node = (await jsHost(where)).binary;
  if (coldOnly()) return coldCommand(verb, inv, options, node);
  let prep;
  try {
    prep = await transpiled(inv);
  } catch (e) {
    const why = ((e as { shortMessage?: string }).shortMessage ?? (e as Error).message).split('\n')[0];
    return { ...coldCommand(verb, inv, options, node), notes: [`transpiling ahead failed (${why}); ran jco ${verb} as is`] };
  }
  const setup = {
    // `jco run` writes its runner into <cell>/jco/ and the guest sees that script's path as argv[0].
    argv0: join(inv.workDir, 'jco', '_run.js'),
    name: basename(inv.artifact, extname(inv.artifact)), module: `${MODULE}.js`, env: inv.env, preopens: inv.preopens, network: inv.extraFlags.includes(ALLOW_NETWORK), p3: prep.p3,
    ...(port === undefined ? {} : { serve: { host: '127.0.0.1', port } }),
  };
  const cached = `jco/${prep.key.slice(0, 12)}`;
  const made = prep.madeMs === undefined ? `runs the transpiled output cached in ${cached}` : `transpiled once in ${prep.madeMs} ms (cached in ${cached})`;
  const p3Note = prep.p3 ? ['preview3-shim (which the transpiled output imports) linked beside it: `jco run` 1.35 links preview2-shim only, so the same component fails there with ERR_MODULE_NOT_FOUND'] : [];
  const memory = memoryFlags(inv);
  const capped = memory.length ? { memoryLimit: memory.join(' ') } : {};
  if (verb === 'run' && !inv.stdin) {
    const label = `jco@${version}${memory.length ? `-${memory[0]!.split('=')[1]}p` : ''}`;
    const data = { shim: prep.shim };
    const cmd = await warmCommand({ label, node, execArgv: memory, guest: warmGuest, perWorker: 1, spare: availableParallelism(), data }, JSON.stringify({ ...setup, dir: prep.dir, args: inv.args }));
    return { ...cmd, notes: [made, ...p3Note, ...(cmd.notes ?? [])], ...capped };
  }
  return { file: node, args: [...memory, join(prep.dir, '_run.mjs'), JSON.stringify(setup), ...inv.args], env: {}, notes: [made, ...p3Note], ...capped };
}

const jco: RuntimeAdapter = {
  id: 'jco',
  targets: {
    p1: { ok: false, reason: 'jco runs components only; a core module must be wrapped first' },
    p2: { ok: true },
    p3: { ok: false, reason: "jco's p3 path (preview3-shim) needs JSPI, which Node before 24.20 lacks (this column's Node)", local: true },
  },

  // On a Node with JSPI the p3 cells run, and what jco then does is measured.
  supports: (target, version) => {
    const node = hostVersion(version);
    return target === 'p3' && node && semver.gte(node, '24.20.0') ? { ok: true } : null;
  },

  async detect(where) {
    const t = npmTool('@bytecodealliance/jco');
    if ('missing' in t) return { available: false, reason: t.missing };
    try {
      return { available: true, version: hostedVersion(t.version, await jsHost(where)), path: t.script };
    } catch (e) {
      return { available: false, reason: (e as Error).message };
    }
  },

  command(inv, where, version) {
    return jcoCommand('run', inv, where, version);
  },

  needFlags: (need) => (need === 'network' ? [ALLOW_NETWORK] : []),

  // `jco serve` transpiles the component and answers wasi:http/incoming-handler calls from Node's http server.
  serve(inv, where, version, port) {
    return jcoCommand('serve', inv, where, version, port);
  },

  normalize(raw: RawOutcome): RawOutcome {
    const warm = warmHostError(raw);
    if (warm) return warm;
    const trap = /RuntimeError\]?: (.*)/.exec(raw.stderr);
    if (trap && raw.exitCode !== 0) return { ...raw, trap: trap[1]! };
    // V8 reports an exhausted call stack as a JS RangeError: the guest's when wasm frames overflowed.
    const stack = /RangeError: (Maximum call stack size exceeded)\n\s+at (.*)/.exec(raw.stderr);
    if (stack && raw.exitCode !== 0) return { ...raw, ...(/wasm-function/.test(stack[2]!) ? { trap: `call stack exhausted (${stack[1]})` } : { internalError: stack[1]! }) };
    const err = /^Error: (Unable to transpile.*|.*not a valid command component.*)$/im.exec(raw.stderr);
    if (err && raw.exitCode !== 0) return { ...raw, internalError: err[1]! };
    // The transpiled output imports what the shim does not export: it cannot be loaded.
    const link = /^SyntaxError: (The requested module .* does not provide an export named .*)$/m.exec(raw.stderr);
    if (link && raw.exitCode !== 0) return { ...raw, internalError: link[1]! };
    // The transpiled output imports a package jco does not resolve.
    const missing = /^Error \[ERR_MODULE_NOT_FOUND\]: (.*)$/m.exec(raw.stderr);
    if (missing && raw.exitCode !== 0) return { ...raw, internalError: missing[1]! };
    const compile = /CompileError\]?: (.*?)\]?$/m.exec(raw.stderr);
    if (compile && raw.exitCode !== 0) return { ...raw, internalError: `Node cannot compile the guest: ${compile[1]!}` };
    // A JavaScript exception thrown inside the shim is the host failing, not the guest.
    const host = /^(\w*Error: .*)\n\s+at .*preview2-shim/m.exec(raw.stderr);
    return host && raw.exitCode !== 0 ? { ...raw, internalError: host[1]! } : raw;
  },
};

export default jco;
