import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { npmTool } from '../../src/npm-bin.ts';
import type { CommandSpec, Invocation, RawOutcome, RuntimeAdapter } from '../../src/types.ts';

/**
 * By default `jco run` hands the guest the whole host environment and preopens
 * host `/`. A setup module (imported before the guest) replaces both with
 * exactly what the case declares, through preview2-shim's own setters.
 */
function setupModule(env: Record<string, string>, preopens: { host: string; guest: string }[]): string {
  return [
    "import { _setEnv, _setCwd } from '@bytecodealliance/preview2-shim/cli';",
    "import { _setPreopens, _addPreopen } from '@bytecodealliance/preview2-shim/filesystem';",
    `_setEnv(${JSON.stringify(env)});`,
    '_setCwd(undefined);',
    '_setPreopens({});',
    ...preopens.map((p) => `_addPreopen(${JSON.stringify(p.guest)}, ${JSON.stringify(p.host)});`),
    '',
  ].join('\n');
}

function jcoCommand(verb: 'run' | 'serve', inv: Invocation, options: string[]): CommandSpec {
  const t = npmTool('@bytecodealliance/jco');
  if ('missing' in t) throw new Error(t.missing);
  // The setup module must sit inside jco's output dir so that it resolves the same preview2-shim instance.
  const dir = join(inv.workDir, 'jco');
  mkdirSync(dir, { recursive: true });
  const setup = join(dir, '_wasi_matrix_setup.mjs');
  writeFileSync(setup, setupModule(inv.env, inv.preopens));
  // `jco run` starts the guest in a child Node, with V8 options taken from JCO_RUN_ARGS.
  // V8 11 (Node 20) capped this way crashes now and then (SIGSEGV at the cap) unless its GC runs on one thread.
  const memory = verb === 'run' && inv.memoryBytes ? `--wasm-max-mem-pages=${Math.ceil(inv.memoryBytes / 65536)} --single-threaded-gc` : undefined;
  return {
    file: process.execPath,
    args: [t.script, verb, ...options, '--jco-dir', dir, '--jco-import', setup, inv.artifact, ...inv.args],
    env: memory ? { JCO_RUN_ARGS: memory } : {},
    ...(memory ? { memoryLimit: `JCO_RUN_ARGS=${memory}` } : {}),
  };
}

const jco: RuntimeAdapter = {
  id: 'jco',
  targets: {
    p1: { ok: false, reason: 'jco runs components only; a core module must be wrapped first' },
    p2: { ok: true },
    p3: { ok: false, reason: "jco's p3 path (preview3-shim) needs JSPI, which this machine's Node 20 lacks (Node 24.20+ has it)", local: true },
  },

  async detect() {
    const t = npmTool('@bytecodealliance/jco');
    if ('missing' in t) return { available: false, reason: t.missing };
    return { available: true, version: t.version, path: t.script };
  },

  command(inv) {
    return jcoCommand('run', inv, []);
  },

  // `jco serve` transpiles the component and answers wasi:http/incoming-handler calls from Node's http server.
  serve(inv, _where, _version, port) {
    return jcoCommand('serve', inv, ['--host', '127.0.0.1', '--port', String(port)]);
  },

  normalize(raw: RawOutcome): RawOutcome {
    const trap = /RuntimeError: (.*)/.exec(raw.stderr);
    if (trap && raw.exitCode !== 0) return { ...raw, trap: trap[1]! };
    // V8 reports an exhausted call stack as a JS RangeError: the guest's when wasm frames overflowed.
    const stack = /RangeError: (Maximum call stack size exceeded)\n\s+at (.*)/.exec(raw.stderr);
    if (stack && raw.exitCode !== 0) return { ...raw, ...(/wasm-function/.test(stack[2]!) ? { trap: `call stack exhausted (${stack[1]})` } : { internalError: stack[1]! }) };
    const err = /^Error: (Unable to transpile.*|.*not a valid command component.*)$/im.exec(raw.stderr);
    if (err && raw.exitCode !== 0) return { ...raw, internalError: err[1]! };
    const compile = /CompileError: (.*?)\]?$/m.exec(raw.stderr);
    if (compile && raw.exitCode !== 0) return { ...raw, internalError: `Node cannot compile the guest: ${compile[1]!}` };
    // A JavaScript exception thrown inside the shim is the host failing, not the guest.
    const host = /^(\w*Error: .*)\n\s+at .*preview2-shim/m.exec(raw.stderr);
    return host && raw.exitCode !== 0 ? { ...raw, internalError: host[1]! } : raw;
  },
};

export default jco;
