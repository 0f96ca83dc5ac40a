import { detectOnPath } from '../../src/path-tool.ts';
import type { RuntimeAdapter } from '../../src/types.ts';

const TRIGGERS_ONLY = 'spin runs trigger-based apps (http, redis) from a manifest; command-world guests have no trigger here';

/** Spin is not in any registry this project may use: found on PATH, or UNAVAILABLE. */
const spin: RuntimeAdapter = {
  id: 'spin',
  targets: {
    p1: { ok: false, reason: TRIGGERS_ONLY },
    p2: { ok: false, reason: TRIGGERS_ONLY },
    p3: { ok: false, reason: TRIGGERS_ONLY },
  },

  detect: (where) =>
    detectOnPath(where, ['--version'], /spin (\S+)/, 'install from https://spinframework.dev/install (not published to npm, PyPI or crates.io)'),

  command() {
    throw new Error(TRIGGERS_ONLY);
  },

  normalize: (raw) => raw,
};

export default spin;
