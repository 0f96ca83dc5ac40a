import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import which from 'which';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { cacheDir, ROOT } from '../../src/paths.ts';
import type { BuildContext, Detection, Located, TargetId, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'rust');
// Debian's rustc-web (1.96): rustup's rustc on PATH has no wasm targets and cannot download them.
const RUSTC = '/usr/bin/rustc';
const CARGO = '/usr/bin/cargo';
// std links wasi-libc: bookworm's (2022, p1 only) for wasm32-wasip1; trixie's wasm32-wasip2 sysroot
// (matrix.yaml `also:`) for wasm32-wasip2, where std's fs and net need libc's p2 support.
const P1_LIBC = '/usr/lib/wasm32-wasi';
const TRIPLE: Record<string, string> = { p1: 'wasm32-wasip1', p2: 'wasm32-wasip2', p3: 'wasm32-wasip3' };
const HINT = 'apt-get install rustc-web cargo-web rust-web-src rust-web-llvm lld-22 wasi-libc, trixie wasi-libc unpacked (or `npm run provision`)';

/** A p3 guest is its own source, on the wasip3 crate: a cdylib example exporting wasi:cli/run@0.3.0. */
const p3Source = (guest: string) => join(here, 'p3', `${guest}.rs`);
const binSource = (guest: string) => join(here, 'src', 'bin', `${guest}.rs`);
const SHARED = ['src/lib.rs', 'src/peer.rs', 'Cargo.toml', 'Cargo.lock'].map((f) => join(here, f));

function trixieLibc(where: Located): Located | undefined {
  return where.also?.find((l) => l.source.kind === 'deb' && l.source.package === 'wasi-libc');
}

const libcFor = (triple: string, where: Located) =>
  triple === 'wasm32-wasip2' ? join(trixieLibc(where)?.dir ?? '/nonexistent', 'usr', 'lib', 'wasm32-wasip2') : P1_LIBC;

/** std is rebuilt per target; one shared target dir outside the clone builds it once. */
function env(libc: string): Record<string, string> {
  return {
    RUSTC,
    RUSTC_BOOTSTRAP: '1',
    RUSTFLAGS: `-L ${libc}`,
    CARGO_TARGET_DIR: join(cacheDir(), 'rust-target'),
  };
}

async function cargoBuild(ctx: BuildContext, triple: string, unit: { bin: string } | { example: string }, out: string): Promise<void> {
  const [kind, name] = 'bin' in unit ? ['--bin', unit.bin] : ['--example', unit.example];
  // The target dir is shared (std is built once) by every clone of the repository, so its
  // release/<name>.wasm may be another clone's: this build's own artifact is copied out by cargo itself.
  const own = join(ctx.tmpDir, 'cargo-out');
  await ctx.exec(CARGO, [
    'build', '--release', '--locked', '-Zbuild-std=std,panic_abort', '-Zunstable-options', '--artifact-dir', own,
    '--target', triple, kind, name, '--manifest-path', join(here, 'Cargo.toml'),
  ], { env: env(libcFor(triple, ctx.where)) });
  await copyFile(join(own, `${'bin' in unit ? name : name.replaceAll('-', '_')}.wasm`), out);
}

const rust: Toolchain = {
  language: 'rust',
  targets: { p1: { ok: true }, p2: { ok: true }, p3: { ok: true } },
  variants: { p2: ['native', 'adapter'] },

  async detect(where): Promise<Detection> {
    if (!existsSync(RUSTC) || !existsSync(CARGO)) return { available: false, reason: `${RUSTC} or ${CARGO} missing (Debian rustc-web)`, hint: HINT };
    const sysroot = (await execa(RUSTC, ['--print', 'sysroot'], { reject: false })).stdout.trim();
    if (!existsSync(join(sysroot, 'lib', 'rustlib', 'src', 'rust', 'library'))) return { available: false, reason: 'rust-src for build-std is missing', hint: HINT };
    if (!which.sync('rust-lld', { nothrow: true }) || !existsSync('/usr/lib/llvm-22/bin/lld')) {
      return { available: false, reason: 'rust-lld (lld-22) is missing', hint: HINT };
    }
    if (!existsSync(join(P1_LIBC, 'libc.a'))) return { available: false, reason: 'wasi-libc is missing', hint: HINT };
    const trixie = trixieLibc(where);
    if (!trixie?.dir) return { available: false, reason: trixie?.missing ?? 'matrix.yaml names no trixie wasi-libc for Rust', hint: HINT };
    const v = /rustc (\S+)/.exec((await execa(RUSTC, ['--version'], { reject: false })).stdout);
    return { available: true, version: `rustc ${v?.[1] ?? 'unknown'} (Debian rustc-web, build-std; wasip2 libc ${trixie.version})`, path: RUSTC };
  },

  async sources(guest, target?: TargetId) {
    const bin = existsSync(binSource(guest)) ? [binSource(guest)] : [];
    const p3 = existsSync(p3Source(guest)) ? [p3Source(guest)] : [];
    const own = target === 'p3' ? (p3.length ? p3 : bin) : target ? bin : [...bin, ...p3];
    return own.length ? [...own, ...SHARED] : [];
  },

  flags(target, variant) {
    const base = ['--release', '-Zbuild-std=std,panic_abort'];
    if (variant === 'adapter') return [...base, `RUSTFLAGS=-L ${P1_LIBC}`, '--target wasm32-wasip1', adapterTool()];
    if (target === 'p1') return [...base, `RUSTFLAGS=-L ${P1_LIBC}`, '--target wasm32-wasip1'];
    const trixie = 'RUSTFLAGS=-L <trixie wasi-libc>/usr/lib/wasm32-wasip2';
    if (target === 'p2') return [...base, trixie, '--target wasm32-wasip2'];
    // p3 guests with a p3/ source (wasip3 crate) build as wasm32-wasip2 cdylibs; the others try std's wasm32-wasip3.
    return [...base, `p3/<guest>.rs: ${trixie} --target wasm32-wasip2 --example; else RUSTFLAGS=-L ${P1_LIBC} --target wasm32-wasip3`];
  },

  async build({ guest, target, variant, out }, ctx) {
    if (variant === 'adapter') {
      const core = join(ctx.tmpDir, 'core.wasm');
      await cargoBuild(ctx, 'wasm32-wasip1', { bin: guest }, core);
      await wrapAsCommand(ctx, core, out);
      return { tools: ['cargo', adapterTool()] };
    }
    if (target === 'p3' && existsSync(p3Source(guest))) {
      await cargoBuild(ctx, 'wasm32-wasip2', { example: guest }, out);
      return { tools: ['cargo', 'wasm-component-ld', 'wasip3 0.7.1+wasi-0.3.0 (wit-bindgen async)'] };
    }
    await cargoBuild(ctx, TRIPLE[target]!, { bin: guest }, out);
    return { tools: target === 'p1' ? ['cargo'] : ['cargo', 'wasm-component-ld'] };
  },
};

export default rust;
