import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildContext, Located } from '../../src/types.ts';

// clang-19's wasm32-wasip2 route over Debian 13's wasi-libc, shared by the C and C++ toolchains.

const RESOURCE = '/usr/lib/llvm-19/lib/clang/19';
/** clang links wasm32-wasip2 through wasm-component-ld; Debian's rustc-web ships one. */
export const COMPONENT_LD_DIR = '/usr/lib/rustlib/x86_64-unknown-linux-gnu/bin';

/** Debian 13's wasi-libc (matrix.yaml `also:`): its wasm32-wasip2 sysroot carries p2 sockets. */
export function trixieLibc(where: Located): Located | undefined {
  return where.also?.find((l) => l.source.kind === 'deb' && l.source.package === 'wasi-libc');
}

export const p2Sysroot = (where: Located) => join(trixieLibc(where)?.dir ?? '/nonexistent', 'usr');

/**
 * Flags for the p2-native route. Bookworm ships wasm32 builtins only as lib/wasi/…-wasm32.a;
 * clang looks under lib/wasip2/ for this target, so a resource dir of links points it there.
 */
export function p2Flags(sysroot: string, resourceDir: string): string[] {
  return ['--target=wasm32-wasip2', `--sysroot=${sysroot}`, `-resource-dir=${resourceDir}`, '-O2', '-Wl,--strip-debug'];
}

export async function p2ResourceDir(ctx: BuildContext): Promise<string> {
  const dir = join(ctx.tmpDir, 'clang-resource');
  await mkdir(join(dir, 'lib', 'wasip2'), { recursive: true });
  await symlink(join(RESOURCE, 'include'), join(dir, 'include'));
  await symlink(join(RESOURCE, 'lib', 'wasi', 'libclang_rt.builtins-wasm32.a'), join(dir, 'lib', 'wasip2', 'libclang_rt.builtins-wasm32.a'));
  return dir;
}
