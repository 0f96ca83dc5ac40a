import { execa } from 'execa';
import { join } from 'node:path';
import { ROOT } from '../../src/paths.ts';
import type { NativeBuild } from '../../src/perf-plugins.ts';

// The rustc that builds the wasm guests, for the host, with the release profile's settings (Cargo.toml).
// The perf guests use no crate, so rustc alone builds them.
const RUSTC = '/usr/bin/rustc';

const native: NativeBuild = {
  async build(guest, out) {
    const argv = [RUSTC, '--edition', '2021', '-C', 'opt-level=s', '-C', 'panic=abort', '-C', 'strip=debuginfo', join(ROOT, 'guests', 'rust', 'src', 'bin', `${guest}.rs`), '-o', out];
    await execa(argv[0]!, argv.slice(1));
    return { version: `${(await execa(RUSTC, ['--version'])).stdout.trim()} (host)`, argv };
  },
};

export default native;
