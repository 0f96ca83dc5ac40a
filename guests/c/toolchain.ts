import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import which from 'which';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { ROOT } from '../../src/paths.ts';
import type { Detection, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'c');
const SYSROOT = '/usr';
const CFLAGS = ['--target=wasm32-wasi', `--sysroot=${SYSROOT}`, '-O2', '-Wl,--strip-debug'];

async function dpkgVersion(pkg: string): Promise<string | null> {
  const r = await execa('dpkg-query', ['-W', '-f=${Version}', pkg], { reject: false });
  return r.exitCode === 0 && r.stdout ? r.stdout : null;
}

const c: Toolchain = {
  language: 'c',
  targets: {
    p1: { ok: true },
    p2: { ok: true },
    p3: { ok: false, reason: "Debian's wasi-libc here is a 2022 snapshot with no WASI 0.3 support", local: true },
  },
  // wasi-libc here has no p2 support of its own: p2 is reached only by wrapping p1.
  variants: { p2: ['adapter'] },

  async detect(): Promise<Detection> {
    const clang = which.sync('clang-19', { nothrow: true });
    const hint = 'apt-get install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 (or `npm run provision`)';
    if (!clang) return { available: false, reason: 'clang-19 is not on PATH', hint };
    if (!existsSync(join(SYSROOT, 'lib', 'wasm32-wasi', 'libc.a'))) return { available: false, reason: 'wasi-libc is not installed', hint };
    const v = await execa(clang, ['--version'], { reject: false });
    const m = /clang version (\S+)/.exec(v.stdout);
    const libc = await dpkgVersion('wasi-libc');
    return { available: true, version: `clang ${m?.[1] ?? 'unknown'} + wasi-libc ${libc ?? 'unknown'}`, path: clang };
  },

  async sources(guest) {
    const main = join(here, `${guest}.c`);
    return existsSync(main) ? [main, join(here, 'check.h')] : [];
  },

  flags(_target, variant) {
    return variant === 'adapter' ? [...CFLAGS, adapterTool()] : CFLAGS;
  },

  async build({ guest, variant, out }, ctx) {
    const src = join(here, `${guest}.c`);
    if (variant === 'native') {
      await ctx.exec('clang-19', [...CFLAGS, src, '-o', out]);
      return { tools: ['clang-19'] };
    }
    const core = join(ctx.tmpDir, 'core.wasm');
    await ctx.exec('clang-19', [...CFLAGS, src, '-o', core]);
    await wrapAsCommand(ctx, core, out);
    return { tools: ['clang-19', adapterTool()] };
  },
};

export default c;
