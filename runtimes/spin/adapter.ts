import { detectOnPath } from '../../src/path-tool.ts';
import type { RuntimeAdapter } from '../../src/types.ts';

const TRIGGERS_ONLY = 'spin runs trigger-based apps (http, redis); command-world guests have no trigger here';

/** Spin is not in any registry this project may use: found on PATH, or UNAVAILABLE. */
const spin: RuntimeAdapter = {
  id: 'spin',
  targets: {
    p1: { ok: false, reason: 'spin loads components only' },
    p2: { ok: true },
    p3: { ok: true },
  },
  serveOnly: TRIGGERS_ONLY,

  detect: (where) =>
    detectOnPath(where, ['--version'], /spin (\S+)/, 'install from https://spinframework.dev/install (not published to npm, PyPI or crates.io)'),

  command() {
    throw new Error(TRIGGERS_ONLY);
  },

  // `spin up --from` takes a bare Wasm file as an HTTP app; --listen sets the address.
  serve(inv, where, _version, port) {
    return { file: where.binary!, args: ['up', '--from', inv.artifact, '--listen', `127.0.0.1:${port}`, ...inv.extraFlags], env: { HOME: inv.workDir } };
  },

  normalize: (raw) => raw,
};

export default spin;
