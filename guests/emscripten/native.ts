import { execa } from 'execa';
import { join } from 'node:path';
import { ROOT } from '../../src/paths.ts';
import type { NativeBuild } from '../../src/perf-plugins.ts';

// emcc has no host target (Debian's emcc drives clang 14): the same C source at the same -O2, built for the
// host by the clang-19 the C guests' native builds use.
const native: NativeBuild = {
  async build(guest, out) {
    const argv = ['clang-19', '-O2', join(ROOT, 'guests', 'c', `${guest}.c`), '-lm', '-o', out];
    await execa(argv[0]!, argv.slice(1));
    const v = /clang version (\S+)/.exec((await execa('clang-19', ['--version'])).stdout)?.[1] ?? 'unknown';
    return { version: `clang ${v} (host; emcc has no host target)`, argv };
  },
};

export default native;
