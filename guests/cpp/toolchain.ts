import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import which from 'which';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { ROOT } from '../../src/paths.ts';
import { toolPath } from '../../src/tool-path.ts';
import type { BuildContext, Detection, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'cpp');
// Exceptions off: WASI runtimes without the exception-handling proposal could not load the code
// that throwing needs (and Debian's wasm32 libc++abi is built without it).
const FLAGS = ['--target=wasm32-wasi', '--sysroot=/usr', '-std=c++20', '-fno-exceptions', '-O2', '-Wl,--strip-debug'];
const HEADERS = ['check.hpp', 'posix-fs.hpp'];

async function dpkgVersion(pkg: string): Promise<string | null> {
  const r = await execa('dpkg-query', ['-W', '-f=${Version}', pkg], { reject: false });
  return r.exitCode === 0 && r.stdout ? r.stdout : null;
}

async function compile(ctx: BuildContext, guest: string, out: string): Promise<void> {
  // Only the linkers on PATH: clang would run any installed wasm-opt after linking.
  await ctx.exec(which.sync('clang++-19', { nothrow: true }) ?? 'clang++-19', [...FLAGS, join(here, `${guest}.cpp`), '-o', out], { env: { PATH: await toolPath(ctx.tmpDir, ['wasm-ld-19', 'wasm-ld']) } });
}

const cpp: Toolchain = {
  language: 'cpp',
  targets: {
    p1: { ok: true },
    p2: { ok: true },
    p3: { ok: false, reason: "Debian's wasi-libc (and the libc++ built on it) is a 2022 snapshot with no WASI 0.3 support", local: true },
  },
  // Like C: bookworm's wasi-libc reaches p2 only by wrapping the p1 module.
  variants: { p2: ['adapter'] },

  async detect(): Promise<Detection> {
    const clang = which.sync('clang++-19', { nothrow: true });
    const hint = 'apt-get install clang-19 lld-19 wasi-libc libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 (or `npm run provision`)';
    if (!clang) return { available: false, reason: 'clang++-19 is not on PATH', hint };
    if (!existsSync('/usr/lib/wasm32-wasi/libc++.a')) return { available: false, reason: 'libc++ for wasm32-wasi is not installed', hint };
    const v = await execa(clang, ['--version'], { reject: false });
    const m = /clang version (\S+)/.exec(v.stdout);
    const libcxx = await dpkgVersion('libc++-19-dev-wasm32');
    return { available: true, version: `clang++ ${m?.[1] ?? 'unknown'} + libc++ ${libcxx ?? 'unknown'}`, path: clang };
  },

  async sources(guest) {
    const main = join(here, `${guest}.cpp`);
    return existsSync(main) ? [main, ...HEADERS.map((h) => join(here, h))] : [];
  },

  flags(_target, variant) {
    return variant === 'adapter' ? [...FLAGS, adapterTool()] : FLAGS;
  },

  async build({ guest, variant, out }, ctx) {
    if (variant === 'native') {
      await compile(ctx, guest, out);
      return { tools: ['clang++-19'] };
    }
    const core = join(ctx.tmpDir, 'core.wasm');
    await compile(ctx, guest, core);
    await wrapAsCommand(ctx, core, out);
    return { tools: ['clang++-19', adapterTool()] };
  },
};

export default cpp;
