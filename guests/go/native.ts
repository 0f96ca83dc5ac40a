import { execa } from 'execa';
import { join } from 'node:path';
import { ROOT } from '../../src/paths.ts';
import type { NativeBuild } from '../../src/perf-plugins.ts';

// The Go that builds the wasip1 guests, for the host (GOOS/GOARCH left to the host).
const native: NativeBuild = {
  async build(guest, out, _tmp, where) {
    const go = where.binary ?? 'go';
    const argv = [go, 'build', '-trimpath', '-o', out, `./${guest}`];
    const env = { GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };
    await execa(argv[0]!, argv.slice(1), { cwd: join(ROOT, 'guests', 'go'), env });
    return { version: `${(await execa(go, ['version'], { env })).stdout.trim()} (host)`, argv };
  },
};

export default native;
