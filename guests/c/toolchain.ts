import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import which from 'which';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { ROOT } from '../../src/paths.ts';
import { toolPath } from '../../src/tool-path.ts';
import type { BuildContext, Detection, Toolchain } from '../../src/types.ts';
import { bindingLines, generate } from './bindings.ts';
import { COMPONENT_LD_DIR, p2Flags, p2ResourceDir, p2Sysroot, trixieLibc } from './p2.ts';

const here = join(ROOT, 'guests', 'c');
/** The linkers clang may run, and nothing else: no wasm-opt that happens to be installed (binaryen came with emscripten, and cannot read components). */
const linkers = (ctx: BuildContext) => toolPath(ctx.tmpDir, ['wasm-ld-19', 'wasm-ld']);
const SYSROOT = '/usr';
const CFLAGS = ['--target=wasm32-wasi', `--sysroot=${SYSROOT}`, '-O2', '-Wl,--strip-debug'];
const HINT = 'apt-get install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 rustc-web, trixie wasi-libc unpacked (or `npm run provision`)';

async function dpkgVersion(pkg: string): Promise<string | null> {
  const r = await execa('dpkg-query', ['-W', '-f=${Version}', pkg], { reject: false });
  return r.exitCode === 0 && r.stdout ? r.stdout : null;
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
    return existsSync(main) ? [main, join(here, 'check.h'), join(here, 'net.h'), join(here, 'peer.h')] : [];
  },

  flags(target, variant) {
    if (target === 'p2' && variant === 'native') {
      return [...p2Flags('<trixie wasi-libc>/usr', '<links to clang-19 resources>'), 'wasm-component-ld',
        '(guests with "// bindings: …" lines: wit-bindgen c over WASI 0.2.12 WIT, -mexec-model=reactor when they export)'];
    }
    return variant === 'adapter' ? [...CFLAGS, adapterTool()] : CFLAGS;
  },

  async build({ guest, target, variant, out }, ctx) {
    const src = join(here, `${guest}.c`);
    if (target === 'p2' && variant === 'native') {
      const flags = p2Flags(p2Sysroot(ctx.where), await p2ResourceDir(ctx));
      const lines = await bindingLines(src);
      const bound = lines.length ? await generate(ctx, guest, lines) : null;
      const extra = bound ? [...(bound.exports ? ['-mexec-model=reactor'] : []), '-I', bound.include, bound.glue, bound.componentType] : [];
      await ctx.exec(which.sync('clang-19', { nothrow: true }) ?? 'clang-19', [...flags, src, ...extra, '-o', out], { env: { PATH: `${COMPONENT_LD_DIR}:${await linkers(ctx)}` } });
      return { tools: ['clang-19', `wasi-libc ${trixieLibc(ctx.where)?.version} (trixie)`, 'wasm-component-ld', ...(bound ? ['wit-bindgen c 0.57.1'] : [])] };
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
