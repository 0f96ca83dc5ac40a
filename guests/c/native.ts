import { execa } from 'execa';
import { join } from 'node:path';
import { ROOT } from '../../src/paths.ts';
import type { NativeBuild } from '../../src/perf-plugins.ts';

// The same compiler and optimisation level as the wasm build (toolchain.ts), for the host: the ratio is Wasm's alone.
const native: NativeBuild = {
  async build(guest, out) {
    const argv = ['clang-19', '-O2', join(ROOT, 'guests', 'c', `${guest}.c`), '-lm', '-o', out];
    await execa(argv[0]!, argv.slice(1));
    const v = /clang version (\S+)/.exec((await execa('clang-19', ['--version'])).stdout)?.[1] ?? 'unknown';
    return { version: `clang ${v} (host)`, argv };
  },
};

export default native;
