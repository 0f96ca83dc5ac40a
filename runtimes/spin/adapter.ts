import { execa } from 'execa';
import type { Detection, RuntimeAdapter } from '../../src/types.ts';

const TRIGGERS_ONLY = 'spin runs trigger-based apps (http, redis) from a manifest; command-world guests have no trigger here';

/** Spin is not in any registry this project may use: found on PATH, or UNAVAILABLE. */
const spin: RuntimeAdapter = {
  id: 'spin',
  targets: {
    p1: { ok: false, reason: TRIGGERS_ONLY },
    p2: { ok: false, reason: TRIGGERS_ONLY },
    p3: { ok: false, reason: TRIGGERS_ONLY },
  },

  async detect(where): Promise<Detection> {
    if (!where.binary) {
      return {
        available: false,
        reason: where.missing ?? 'spin not found',
        hint: 'install from https://spinframework.dev (not published to npm, PyPI or crates.io)',
      };
    }
    const r = await execa(where.binary, ['--version'], { reject: false });
    const m = /spin (\S+)/.exec(r.stdout);
    if (r.exitCode !== 0 || !m) return { available: false, reason: `\`${where.binary} --version\` failed` };
    return { available: true, version: m[1]!, path: where.binary };
  },

  command() {
    throw new Error(TRIGGERS_ONLY);
  },

  normalize: (raw) => raw,
};

export default spin;
