import { execa } from 'execa';
import { join } from 'node:path';
import { cacheDir, ROOT } from '../../src/paths.ts';
import type { NativeBuild } from '../../src/perf-plugins.ts';

// Zig's release mode of the wasm build (toolchain.ts), for the host.
const native: NativeBuild = {
  async build(guest, out, tmpDir, where) {
    if (!where.binary) throw new Error(where.missing ?? 'zig is not installed');
    const zig = where.binary;
    const argv = [zig, 'build-exe', '-O', 'ReleaseSmall', '--cache-dir', join(tmpDir, 'zig-cache'), '--global-cache-dir', join(cacheDir(), 'zig-global'), `-femit-bin=${out}`, join(ROOT, 'guests', 'zig', `${guest}.zig`)];
    await execa(argv[0]!, argv.slice(1));
    return { version: `zig ${(await execa(zig, ['version'])).stdout.trim()} (host)`, argv };
  },
};

export default native;
