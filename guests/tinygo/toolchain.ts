import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { detectOnPath } from '../../src/path-tool.ts';
import { ROOT } from '../../src/paths.ts';
import type { Toolchain } from '../../src/types.ts';

// TinyGo compiles the same guests as Go (guests/go): "Go vs TinyGo" is one source, two toolchains.
const goGuests = join(ROOT, 'guests', 'go');
const TARGET: Record<string, string> = { p1: 'wasip1', p2: 'wasip2' };

const tinygo: Toolchain = {
  language: 'tinygo',
  targets: {
    p1: { ok: true },
    p2: { ok: true },
    p3: { ok: false, reason: 'TinyGo has no WASI 0.3 target' },
  },

  detect: (where) =>
    detectOnPath(where, ['version'], /tinygo version (\S+)/, 'npm run provision (builds it with guests/tinygo/provision/build.sh)'),

  async sources(guest) {
    const dir = join(goGuests, guest);
    if (!existsSync(join(dir, 'main.go'))) return [];
    const files = (await readdir(dir)).filter((f) => f.endsWith('.go')).map((f) => join(dir, f));
    return [...files, join(goGuests, 'go.mod'), join(goGuests, 'check', 'check.go'), join(goGuests, 'check', 'peer.go')];
  },

  flags(target) {
    return [`-target=${TARGET[target]}`, '-opt=2', '-no-debug'];
  },

  async build({ guest, target, out }, ctx) {
    const bin = ctx.where.binary ?? 'tinygo';
    await ctx.exec(bin, ['build', `-target=${TARGET[target]}`, '-opt=2', '-no-debug', '-o', out, `./${guest}`], { cwd: goGuests });
    return { tools: ['tinygo'] };
  },
};

export default tinygo;
