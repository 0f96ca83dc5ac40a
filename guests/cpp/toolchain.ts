import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import which from 'which';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { ROOT } from '../../src/paths.ts';
import { toolPath } from '../../src/tool-path.ts';
import type { BuildContext, Detection, Toolchain } from '../../src/types.ts';
import { bindingLines, generate } from '../c/bindings.ts';
import { COMPONENT_LD_DIR, p2Flags, p2ResourceDir, p2Sysroot, trixieLibc } from '../c/p2.ts';

const here = join(ROOT, 'guests', 'cpp');
// Exceptions off: WASI runtimes without the exception-handling proposal could not load the code
// that throwing needs (and Debian's wasm32 libc++abi is built without it).
const FLAGS = ['--target=wasm32-wasi', '--sysroot=/usr', '-std=c++20', '-fno-exceptions', '-O2', '-Wl,--strip-debug'];
const HEADERS = ['check.hpp', 'posix-fs.hpp', 'net.hpp', 'peer.hpp'];
const CXX = ['-std=c++20', '-fno-exceptions'];
/**
 * p2 natively: C's wasm32-wasip2 route (trixie's wasi-libc) with bookworm's libc++, which is built
 * for wasm32-wasi over the 2022 wasi-libc and calls only libc functions both provide.
 */
const LIBCXX_HEADERS = '/usr/include/wasm32-wasi/c++/v1';
const LIBCXX = ['/usr/lib/wasm32-wasi/libc++.a', '/usr/lib/wasm32-wasi/libc++abi.a'];
const linkers = (ctx: BuildContext) => toolPath(ctx.tmpDir, ['wasm-ld-19', 'wasm-ld']);

async function dpkgVersion(pkg: string): Promise<string | null> {
  const r = await execa('dpkg-query', ['-W', '-f=${Version}', pkg], { reject: false });
  return r.exitCode === 0 && r.stdout ? r.stdout : null;
}

async function compile(ctx: BuildContext, guest: string, out: string): Promise<void> {
  // Only the linkers on PATH: clang would run any installed wasm-opt after linking.
  await ctx.exec(clangxx(), [...FLAGS, join(here, `${guest}.cpp`), '-o', out], { env: { PATH: await linkers(ctx) } });
}

const clangxx = () => which.sync('clang++-19', { nothrow: true }) ?? 'clang++-19';

/** Only libc++ and libc++abi on the library path: bookworm's libc.a beside them must not be linked. */
async function libcxxDir(ctx: BuildContext): Promise<string> {
  const dir = join(ctx.tmpDir, 'libcxx');
  await mkdir(dir, { recursive: true });
  for (const lib of LIBCXX) await symlink(lib, join(dir, lib.split('/').pop()!));
  return dir;
}

/** Returns whether the guest used wit-bindgen's C bindings (`// bindings:` lines, as for C). */
async function compileP2(ctx: BuildContext, guest: string, out: string): Promise<boolean> {
  const src = join(here, `${guest}.cpp`);
  const base = p2Flags(p2Sysroot(ctx.where), await p2ResourceDir(ctx));
  const lines = await bindingLines(src);
  const extra: string[] = [];
  if (lines.length) {
    // The generated glue is C: compiled by clang as C, linked beside the C++ guest.
    const bound = await generate(ctx, guest, lines);
    const glue = join(ctx.tmpDir, 'bindings.o');
    await ctx.exec(which.sync('clang-19', { nothrow: true }) ?? 'clang-19', [...base, '-c', bound.glue, '-o', glue]);
    extra.push(...(bound.exports ? ['-mexec-model=reactor'] : []), '-I', bound.include, glue, bound.componentType);
  }
  const flags = [...base, ...CXX, '-nostdinc++', '-isystem', LIBCXX_HEADERS, `-L${await libcxxDir(ctx)}`];
  await ctx.exec(clangxx(), [...flags, src, ...extra, '-o', out], { env: { PATH: `${COMPONENT_LD_DIR}:${await linkers(ctx)}` } });
  return lines.length > 0;
}

const cpp: Toolchain = {
  language: 'cpp',
  targets: {
    p1: { ok: true },
    p2: { ok: true },
    p3: { ok: false, reason: 'no Debian release ships a wasi-libc with a WASI 0.3 target (trixie: wasm32-wasi and wasm32-wasip2 sysroots only), nor a libc++ over one', local: true },
  },
  // Like C: p2 natively over trixie's wasm32-wasip2 sysroot, and by wrapping the p1 module.
  variants: { p2: ['native', 'adapter'] },

  async detect(where): Promise<Detection> {
    const clang = which.sync('clang++-19', { nothrow: true });
    const hint = 'apt-get install clang-19 lld-19 wasi-libc libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 (or `npm run provision`)';
    if (!clang) return { available: false, reason: 'clang++-19 is not on PATH', hint };
    if (!existsSync('/usr/lib/wasm32-wasi/libc++.a')) return { available: false, reason: 'libc++ for wasm32-wasi is not installed', hint };
    const trixie = trixieLibc(where);
    if (!trixie?.dir) return { available: false, reason: trixie?.missing ?? 'matrix.yaml names no trixie wasi-libc for C++', hint };
    if (!existsSync(join(COMPONENT_LD_DIR, 'wasm-component-ld'))) return { available: false, reason: `wasm-component-ld is missing (${COMPONENT_LD_DIR})`, hint };
    const v = await execa(clang, ['--version'], { reject: false });
    const m = /clang version (\S+)/.exec(v.stdout);
    const libcxx = await dpkgVersion('libc++-19-dev-wasm32');
    return { available: true, version: `clang++ ${m?.[1] ?? 'unknown'} + libc++ ${libcxx ?? 'unknown'} (p2: wasi-libc ${trixie.version})`, path: clang };
  },

  async sources(guest) {
    const main = join(here, `${guest}.cpp`);
    return existsSync(main) ? [main, ...HEADERS.map((h) => join(here, h))] : [];
  },

  flags(target, variant) {
    if (target === 'p2' && variant === 'native') {
      return [...p2Flags('<trixie wasi-libc>/usr', '<links to clang-19 resources>'), ...CXX, '-nostdinc++', '-isystem', LIBCXX_HEADERS, ...LIBCXX, 'wasm-component-ld',
        '(guests with "// bindings: …" lines: wit-bindgen c over WASI 0.2.12 WIT, its glue compiled as C, -mexec-model=reactor when they export)'];
    }
    return variant === 'adapter' ? [...FLAGS, adapterTool()] : FLAGS;
  },

  async build({ guest, target, variant, out }, ctx) {
    if (target === 'p2' && variant === 'native') {
      const bound = await compileP2(ctx, guest, out);
      return { tools: ['clang++-19', `wasi-libc ${trixieLibc(ctx.where)?.version} (trixie)`, 'wasm-component-ld', ...(bound ? ['wit-bindgen c 0.57.1'] : [])] };
    }
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
