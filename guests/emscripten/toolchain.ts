import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import which from 'which';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { ROOT } from '../../src/paths.ts';
import type { Detection, Toolchain } from '../../src/types.ts';
import { defineGrowthHook } from './growth-hook.ts';

// The C guests, built by Emscripten instead of clang + wasi-libc: how far an Emscripten-built
// program gets on a WASI runtime. -sSTANDALONE_WASM makes emcc emit a WASI command module.
const cSources = join(ROOT, 'guests', 'c');
const FLAGS = ['-O2', '-sSTANDALONE_WASM'];
// The preview1 adapter takes its own stack and buffers with memory.grow; emcc's default memory cannot grow
// (the adapter then traps in realloc_via_memory_grow), so the adapter route lets it.
// Growth makes emcc import a JS hook, defined as a no-op before wrapping (growth-hook.ts).
const ADAPTER_FLAGS = [...FLAGS, '-sALLOW_MEMORY_GROWTH'];
const P1_ONLY = "Emscripten's standalone output is a preview1 core module; the preview1 adapter makes WASI 0.2 components of it, not 0.3";

const emscripten: Toolchain = {
  language: 'emscripten',
  targets: { p1: { ok: true }, p2: { ok: true }, p3: { ok: false, reason: P1_ONLY } },
  // p2 is the preview1 module wrapped by the preview1 adapter, as for Go, Zig and Java.
  variants: { p2: ['adapter'] },

  async detect(): Promise<Detection> {
    const emcc = which.sync('emcc', { nothrow: true });
    if (!emcc) return { available: false, reason: 'emcc is not on PATH', hint: 'apt-get install emscripten (or `npm run provision`)' };
    const r = await execa(emcc, ['--version'], { reject: false });
    const m = /emcc \(Emscripten[^)]*\) (\S+)/.exec(r.stdout);
    if (!m) return { available: false, reason: `\`emcc --version\` failed: ${r.stderr || r.stdout}` };
    return { available: true, version: `emcc ${m[1]}`, path: emcc };
  },

  async sources(guest) {
    const main = join(cSources, `${guest}.c`);
    return existsSync(main) ? [main, join(cSources, 'check.h')] : [];
  },

  flags(_target, variant) {
    return variant === 'adapter' ? [...ADAPTER_FLAGS, adapterTool()] : FLAGS;
  },

  async build({ guest, variant, out }, ctx) {
    const core = variant === 'adapter' ? join(ctx.tmpDir, 'core.wasm') : out;
    // Debian's emcc uses its packaged, prebuilt system libraries (FROZEN_CACHE): nothing is built on first use.
    await ctx.exec('emcc', [...(variant === 'adapter' ? ADAPTER_FLAGS : FLAGS), join(cSources, `${guest}.c`), '-o', core]);
    if (variant !== 'adapter') return { tools: ['emcc'] };
    const hooked = defineGrowthHook(core);
    await wrapAsCommand(ctx, core, out);
    return { tools: ['emcc', ...(hooked ? ['binaryen.js (env.emscripten_notify_memory_growth as a no-op)'] : []), adapterTool()] };
  },
};

export default emscripten;
