import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import which from 'which';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { cacheDir, ROOT } from '../../src/paths.ts';
import type { BuildContext, Detection, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'rust');
// Debian's rustc-web (1.96): rustup's rustc on PATH has no wasm targets and cannot download them.
const RUSTC = '/usr/bin/rustc';
const CARGO = '/usr/bin/cargo';
const LIBC = '/usr/lib/wasm32-wasi';
const TRIPLE: Record<string, string> = { p1: 'wasm32-wasip1', p2: 'wasm32-wasip2', p3: 'wasm32-wasip3' };
const HINT = 'apt-get install rustc-web cargo-web rust-web-src rust-web-llvm lld-22 wasi-libc (or `npm run provision`)';

const cargoArgs = (triple: string, guest: string) => [
  'build', '--release', '--locked', '-Zbuild-std=std,panic_abort', '--target', triple, '--bin', guest,
  '--manifest-path', join(here, 'Cargo.toml'),
];

/** std is rebuilt per target; one shared target dir outside the clone builds it once. */
function env(): Record<string, string> {
  return {
    RUSTC,
    RUSTC_BOOTSTRAP: '1',
    RUSTFLAGS: `-L ${LIBC}`,
    CARGO_TARGET_DIR: join(cacheDir(), 'rust-target'),
  };
}

async function cargoBuild(ctx: BuildContext, triple: string, guest: string, out: string): Promise<void> {
  await ctx.exec(CARGO, cargoArgs(triple, guest), { env: env() });
  await copyFile(join(env().CARGO_TARGET_DIR!, triple, 'release', `${guest}.wasm`), out);
}

const rust: Toolchain = {
  language: 'rust',
  targets: { p1: { ok: true }, p2: { ok: true }, p3: { ok: true } },
  variants: { p2: ['native', 'adapter'] },

  async detect(): Promise<Detection> {
    if (!existsSync(RUSTC) || !existsSync(CARGO)) return { available: false, reason: `${RUSTC} or ${CARGO} missing (Debian rustc-web)`, hint: HINT };
    const sysroot = (await execa(RUSTC, ['--print', 'sysroot'], { reject: false })).stdout.trim();
    if (!existsSync(join(sysroot, 'lib', 'rustlib', 'src', 'rust', 'library'))) return { available: false, reason: 'rust-src for build-std is missing', hint: HINT };
    if (!which.sync('rust-lld', { nothrow: true }) || !existsSync('/usr/lib/llvm-22/bin/lld')) {
      return { available: false, reason: 'rust-lld (lld-22) is missing', hint: HINT };
    }
    if (!existsSync(join(LIBC, 'libc.a'))) return { available: false, reason: 'wasi-libc is missing', hint: HINT };
    const v = /rustc (\S+)/.exec((await execa(RUSTC, ['--version'], { reject: false })).stdout);
    return { available: true, version: `rustc ${v?.[1] ?? 'unknown'} (Debian rustc-web, build-std)`, path: RUSTC };
  },

  async sources(guest) {
    const main = join(here, 'src', 'bin', `${guest}.rs`);
    return existsSync(main) ? [main, ...['src/lib.rs', 'Cargo.toml', 'Cargo.lock'].map((f) => join(here, f))] : [];
  },

  flags(target, variant) {
    const base = ['--release', '-Zbuild-std=std,panic_abort', `RUSTFLAGS=-L ${LIBC}`];
    return variant === 'adapter' ? [...base, '--target wasm32-wasip1', adapterTool()] : [...base, `--target ${TRIPLE[target]}`];
  },

  async build({ guest, target, variant, out }, ctx) {
    if (variant === 'adapter') {
      const core = join(ctx.tmpDir, 'core.wasm');
      await cargoBuild(ctx, 'wasm32-wasip1', guest, core);
      await wrapAsCommand(ctx, core, out);
      return { tools: ['cargo', adapterTool()] };
    }
    await cargoBuild(ctx, TRIPLE[target]!, guest, out);
    return { tools: target === 'p1' ? ['cargo'] : ['cargo', 'wasm-component-ld'] };
  },
};

export default rust;
