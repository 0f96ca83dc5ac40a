import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { npmTool } from '../../src/npm-bin.ts';
import { ROOT } from '../../src/paths.ts';
import type { Detection, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'assemblyscript', 'assembly');
const HELPERS = ['check.ts', 'wasi-fs.ts'];
const P1_ONLY = "AssemblyScript (asc + wasi-shim) emits preview1 core modules only; the preview1 adapter makes WASI 0.2 components of them, not 0.3";

function tools() {
  return { asc: npmTool('assemblyscript'), shim: npmTool('@assemblyscript/wasi-shim') };
}

const assemblyscript: Toolchain = {
  language: 'assemblyscript',
  targets: { p1: { ok: true }, p2: { ok: true }, p3: { ok: false, reason: P1_ONLY } },
  // p2 is the preview1 module wrapped by the preview1 adapter, as for Go, Zig and Java.
  variants: { p2: ['adapter'] },

  async detect(): Promise<Detection> {
    const { asc, shim } = tools();
    if ('missing' in asc) return { available: false, reason: asc.missing, hint: 'npm install' };
    if ('missing' in shim) return { available: false, reason: shim.missing, hint: 'npm install' };
    return { available: true, version: `asc ${asc.version} + wasi-shim ${shim.version}`, path: asc.dir };
  },

  async sources(guest) {
    const main = join(here, `${guest}.ts`);
    return existsSync(main) ? [main, ...HELPERS.map((h) => join(here, h))] : [];
  },

  flags(_target, variant) {
    const asc = ['--config', '@assemblyscript/wasi-shim/asconfig.json', '-O2'];
    return variant === 'adapter' ? [...asc, adapterTool()] : asc;
  },

  // asc resolves the shim's library folder wrongly when handed its config by an absolute path
  // (AS111 "Element 'wasi_abort' not found"): it is run from the root with a relative one.
  async build({ guest, variant, out }, ctx) {
    const { asc, shim } = tools();
    if ('missing' in asc) throw new Error(asc.missing);
    if ('missing' in shim) throw new Error(shim.missing);
    const core = variant === 'adapter' ? join(ctx.tmpDir, 'core.wasm') : out;
    await ctx.exec(process.execPath, [asc.script, relative(ROOT, join(here, `${guest}.ts`)), '--config',
      relative(ROOT, join(shim.dir, 'asconfig.json')), '-O2', '-o', core], { cwd: ROOT });
    if (variant !== 'adapter') return { tools: ['asc'] };
    await wrapAsCommand(ctx, core, out);
    return { tools: ['asc', adapterTool()] };
  },
};

export default assemblyscript;
