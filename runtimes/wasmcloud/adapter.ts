import { detectOnPath } from '../../src/path-tool.ts';
import type { RuntimeAdapter } from '../../src/types.ts';

// A wasmCloud host runs components deployed to a lattice (NATS, the host, wadm, an HTTP server
// provider); `wash` starts those by downloading release binaries. None of that is driven here yet.
const LATTICE =
  'a wasmCloud host runs components deployed to a lattice (NATS + host + wadm + an HTTP server provider), not a bare file; this adapter only detects `wash`';
const HINT =
  'install wash and a wasmCloud host from https://wasmcloud.com/docs/installation (crates.io has `wash` 0.43 but `wash up` downloads the host, NATS and wadm from GitHub releases; the host is only a library there, `wasmcloud-host` 0.27)';

/** wasmCloud: found on PATH (`wash`), or UNAVAILABLE with the install route. */
const wasmcloud: RuntimeAdapter = {
  id: 'wasmcloud',
  targets: {
    p1: { ok: false, reason: 'wasmCloud runs components only' },
    p2: { ok: false, reason: LATTICE },
    p3: { ok: false, reason: LATTICE },
  },

  detect: (where) => detectOnPath(where, ['--version'], /wash(?:-cli)? v?(\S+)/, HINT),

  command() {
    throw new Error(LATTICE);
  },

  normalize: (raw) => raw,
};

export default wasmcloud;
