import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import which from 'which';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { ROOT } from '../../src/paths.ts';
import type { BuildContext, Detection, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'go');
const FLAGS = ['GOOS=wasip1', 'GOARCH=wasm', 'CGO_ENABLED=0', '-trimpath'];

async function goBuild(ctx: BuildContext, guest: string, out: string): Promise<void> {
  const go = ctx.where.binary ?? 'go';
  await ctx.exec(go, ['build', '-trimpath', '-o', out, `./${guest}`], {
    cwd: here,
    env: { GOOS: 'wasip1', GOARCH: 'wasm', CGO_ENABLED: '0', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' },
  });
}

const go: Toolchain = {
  language: 'go',
  targets: {
    p1: { ok: true },
    p2: { ok: true },
    p3: { ok: false, reason: 'Go reaches p3 only through a patched Go (componentize-go), which no registry here ships', local: true },
  },
  // Go emits wasip1 core modules only; p2 means wrapping one.
  variants: { p2: ['adapter'] },

  async detect(where): Promise<Detection> {
    const bin = where.binary ?? which.sync('go', { nothrow: true });
    if (!bin) return { available: false, reason: 'go is not on PATH', hint: 'install Go 1.21+ (GOOS=wasip1)' };
    const r = await execa(bin, ['version'], { reject: false, env: { GOTOOLCHAIN: 'local' } });
    const m = /go version go(\S+)/.exec(r.stdout);
    if (!m) return { available: false, reason: `\`go version\` failed: ${r.stderr}` };
    return { available: true, version: `go ${m[1]}`, path: bin };
  },

  async sources(guest) {
    const dir = join(here, guest);
    if (!existsSync(join(dir, 'main.go'))) return [];
    const files = (await readdir(dir)).filter((f) => f.endsWith('.go')).map((f) => join(dir, f));
    return [...files, join(here, 'go.mod'), join(here, 'check', 'check.go'), join(here, 'check', 'peer.go')];
  },

  flags(_target, variant) {
    return variant === 'adapter' ? [...FLAGS, adapterTool()] : FLAGS;
  },

  async build({ guest, variant, out }, ctx) {
    if (variant === 'native') {
      await goBuild(ctx, guest, out);
      return { tools: ['go'] };
    }
    const core = join(ctx.tmpDir, 'core.wasm');
    await goBuild(ctx, guest, core);
    await wrapAsCommand(ctx, core, out);
    return { tools: ['go', adapterTool()] };
  },
};

export default go;
