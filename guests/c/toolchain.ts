import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import which from 'which';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { ROOT } from '../../src/paths.ts';
import { toolPath } from '../../src/tool-path.ts';
import type { BuildContext, Detection, Located, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'c');
/** The linkers clang may run, and nothing else: no wasm-opt that happens to be installed (binaryen came with emscripten, and cannot read components). */
const linkers = (ctx: BuildContext) => toolPath(ctx.tmpDir, ['wasm-ld-19', 'wasm-ld']);
const SYSROOT = '/usr';
const CFLAGS = ['--target=wasm32-wasi', `--sysroot=${SYSROOT}`, '-O2', '-Wl,--strip-debug'];
const RESOURCE = '/usr/lib/llvm-19/lib/clang/19';
// clang links wasm32-wasip2 through wasm-component-ld; Debian's rustc-web ships one.
const COMPONENT_LD_DIR = '/usr/lib/rustlib/x86_64-unknown-linux-gnu/bin';
const HINT = 'apt-get install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 rustc-web, trixie wasi-libc unpacked (or `npm run provision`)';

async function dpkgVersion(pkg: string): Promise<string | null> {
  const r = await execa('dpkg-query', ['-W', '-f=${Version}', pkg], { reject: false });
  return r.exitCode === 0 && r.stdout ? r.stdout : null;
}

/** Debian 13's wasi-libc (matrix.yaml `also:`): its wasm32-wasip2 sysroot carries p2 sockets. */
function trixieLibc(where: Located): Located | undefined {
  return where.also?.find((l) => l.source.kind === 'deb' && l.source.package === 'wasi-libc');
}

const p2Sysroot = (where: Located) => join(trixieLibc(where)?.dir ?? '/nonexistent', 'usr');

/**
 * Flags for the p2-native route. Bookworm ships wasm32 builtins only as lib/wasi/…-wasm32.a;
 * clang looks under lib/wasip2/ for this target, so a resource dir of links points it there.
 */
function p2Flags(sysroot: string, resourceDir: string): string[] {
  return ['--target=wasm32-wasip2', `--sysroot=${sysroot}`, `-resource-dir=${resourceDir}`, '-O2', '-Wl,--strip-debug'];
}

async function p2ResourceDir(ctx: BuildContext): Promise<string> {
  const dir = join(ctx.tmpDir, 'clang-resource');
  await mkdir(join(dir, 'lib', 'wasip2'), { recursive: true });
  await symlink(join(RESOURCE, 'include'), join(dir, 'include'));
  await symlink(join(RESOURCE, 'lib', 'wasi', 'libclang_rt.builtins-wasm32.a'), join(dir, 'lib', 'wasip2', 'libclang_rt.builtins-wasm32.a'));
  return dir;
}

const c: Toolchain = {
  language: 'c',
  targets: {
    p1: { ok: true },
    p2: { ok: true },
    p3: { ok: false, reason: 'no Debian release ships a wasi-libc with a WASI 0.3 target (trixie: wasm32-wasi and wasm32-wasip2 sysroots only)', local: true },
  },
  // p2 natively with trixie's wasm32-wasip2 sysroot, and by wrapping the p1 module.
  variants: { p2: ['native', 'adapter'] },

  async detect(where): Promise<Detection> {
    const clang = which.sync('clang-19', { nothrow: true });
    if (!clang) return { available: false, reason: 'clang-19 is not on PATH', hint: HINT };
    if (!existsSync(join(SYSROOT, 'lib', 'wasm32-wasi', 'libc.a'))) return { available: false, reason: 'wasi-libc is not installed', hint: HINT };
    const trixie = trixieLibc(where);
    if (!trixie?.dir) return { available: false, reason: trixie?.missing ?? 'matrix.yaml names no trixie wasi-libc for C', hint: HINT };
    if (!existsSync(join(COMPONENT_LD_DIR, 'wasm-component-ld'))) return { available: false, reason: `wasm-component-ld is missing (${COMPONENT_LD_DIR})`, hint: HINT };
    const v = await execa(clang, ['--version'], { reject: false });
    const m = /clang version (\S+)/.exec(v.stdout);
    const libc = await dpkgVersion('wasi-libc');
    return { available: true, version: `clang ${m?.[1] ?? 'unknown'} + wasi-libc ${libc ?? 'unknown'} (p2: ${trixie.version})`, path: clang };
  },

  async sources(guest) {
    const main = join(here, `${guest}.c`);
    return existsSync(main) ? [main, join(here, 'check.h'), join(here, 'net.h')] : [];
  },

  flags(target, variant) {
    if (target === 'p2' && variant === 'native') return [...p2Flags('<trixie wasi-libc>/usr', '<links to clang-19 resources>'), 'wasm-component-ld'];
    return variant === 'adapter' ? [...CFLAGS, adapterTool()] : CFLAGS;
  },

  async build({ guest, target, variant, out }, ctx) {
    const src = join(here, `${guest}.c`);
    if (target === 'p2' && variant === 'native') {
      const flags = p2Flags(p2Sysroot(ctx.where), await p2ResourceDir(ctx));
      await ctx.exec(which.sync('clang-19', { nothrow: true }) ?? 'clang-19', [...flags, src, '-o', out], { env: { PATH: `${COMPONENT_LD_DIR}:${await linkers(ctx)}` } });
      return { tools: ['clang-19', `wasi-libc ${trixieLibc(ctx.where)?.version} (trixie)`, 'wasm-component-ld'] };
    }
    if (variant === 'native') {
      await ctx.exec(which.sync('clang-19', { nothrow: true }) ?? 'clang-19', [...CFLAGS, src, '-o', out], { env: { PATH: await linkers(ctx) } });
      return { tools: ['clang-19'] };
    }
    const core = join(ctx.tmpDir, 'core.wasm');
    await ctx.exec(which.sync('clang-19', { nothrow: true }) ?? 'clang-19', [...CFLAGS, src, '-o', core], { env: { PATH: await linkers(ctx) } });
    await wrapAsCommand(ctx, core, out);
    return { tools: ['clang-19', adapterTool()] };
  },
};

export default c;
