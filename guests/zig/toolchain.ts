import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { cacheDir, ROOT } from '../../src/paths.ts';
import type { BuildContext, Detection, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'zig');
/** Zig's own WASI layer (std.Io), no libc: what `zig build-exe -target wasm32-wasi` gives. */
const FLAGS = ['build-exe', '-target', 'wasm32-wasi', '-O', 'ReleaseSmall'];
/**
 * wasi-threads' conventions: atomics, one shared memory the module imports (each thread is a new
 * instance over it) and exports (for the host's WASI calls), a maximum, and the entry point the
 * host calls in each new thread.
 */
const THREADS = ['-mcpu=generic+atomics+bulk_memory', '-fno-single-threaded', '--import-memory', '--export-memory',
  '--shared-memory', '--max-memory=67108864', '--export=wasi_thread_start'];

/** A guest that spawns threads says so in its first line: `// threads: wasi-threads`. */
async function threaded(guest: string): Promise<boolean> {
  return (await readFile(join(here, `${guest}.zig`), 'utf8')).startsWith('// threads: wasi-threads');
}

async function zigBuild(ctx: BuildContext, guest: string, out: string): Promise<void> {
  const extra = (await threaded(guest)) ? THREADS : [];
  await ctx.exec(ctx.where.binary!, [...FLAGS, ...extra, '--cache-dir', join(ctx.tmpDir, 'zig-cache'),
    // The standard library and compiler_rt, compiled once per Zig version, shared by every build.
    '--global-cache-dir', join(cacheDir(), 'zig-global'), `-femit-bin=${out}`, join(here, `${guest}.zig`)]);
}

const zig: Toolchain = {
  language: 'zig',
  targets: {
    p1: { ok: true },
    p2: { ok: true },
    p3: { ok: false, reason: 'Zig emits wasm32-wasi (preview1) core modules only; no WASI 0.3 route' },
  },
  // No component output of its own: p2 means wrapping the core module.
  variants: { p2: ['adapter'] },

  async detect(where): Promise<Detection> {
    if (!where.binary) return { available: false, reason: where.missing ?? 'zig not installed', hint: 'npm run provision (pip install ziglang)' };
    const r = await execa(where.binary, ['version'], { reject: false });
    if (r.exitCode !== 0) return { available: false, reason: `\`zig version\` failed: ${r.stderr}` };
    return { available: true, version: `zig ${r.stdout.trim()}`, path: where.binary };
  },

  async sources(guest) {
    const main = join(here, `${guest}.zig`);
    return existsSync(main) ? [main, join(here, 'check.zig')] : [];
  },

  flags(_target, variant) {
    return variant === 'adapter' ? [...FLAGS, adapterTool()] : [...FLAGS, `guests with "// threads: wasi-threads": ${THREADS.join(' ')}`];
  },

  async build({ guest, variant, out }, ctx) {
    if (variant === 'native') {
      await zigBuild(ctx, guest, out);
      return { tools: ['zig'] };
    }
    const core = join(ctx.tmpDir, 'core.wasm');
    await zigBuild(ctx, guest, core);
    await wrapAsCommand(ctx, core, out);
    return { tools: ['zig', adapterTool()] };
  },
};

export default zig;
