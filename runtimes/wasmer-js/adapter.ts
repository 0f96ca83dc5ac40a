import { join, posix, resolve } from 'node:path';
import semver from 'semver';
import { hostVersion } from '../../src/expectations.ts';
import { hostedVersion, jsHost } from '../../src/js-host.ts';
import { npmTool } from '../../src/npm-bin.ts';
import { ROOT } from '../../src/paths.ts';
import { coldOnly } from '../../src/prepared.ts';
import { warmCommand, warmHostError } from '../../src/warm-host.ts';
import type { RawOutcome, RuntimeAdapter } from '../../src/types.ts';

const host = join(ROOT, 'runtimes', 'wasmer-js', 'host.mjs');
const warmGuest = join(ROOT, 'runtimes', 'wasmer-js', 'warm.mjs');
const prepare = join(ROOT, 'runtimes', 'wasmer-js', 'prepare.mjs');
/** Guests per worker of the warm host: each runs in a fresh sandbox; a worker killed or crashed is never reused. */
const PER_WORKER = 20;
/** The sdk's sandbox accepts files only under /workspace. */
const MOUNT = '/workspace';

/**
 * @wasmer/sdk (Wasmer + WASIX compiled to wasm): each cell's guest runs in a fresh sandbox, in a
 * worker of a warm host that compiled the sdk once (src/warm-host.ts, warm.mjs), or, with
 * WASI_MATRIX_COLD=1, in a child Node process of its own with a fresh sdk client (host.mjs).
 */
const wasmerJs: RuntimeAdapter = {
  id: 'wasmer-js',
  targets: {
    p1: { ok: true },
    p2: { ok: false, reason: '@wasmer/sdk runs WASI/WASIX core modules, not components' },
    p3: { ok: false, reason: '@wasmer/sdk runs WASI/WASIX core modules, not components' },
  },

  async detect(where) {
    const t = npmTool('@wasmer/sdk');
    if ('missing' in t) return { available: false, reason: t.missing };
    try {
      return { available: true, version: hostedVersion(t.version, await jsHost(where)), path: t.dir };
    } catch (e) {
      return { available: false, reason: (e as Error).message };
    }
  },

  async command(inv, where, version) {
    const remap = new Map(inv.preopens.map((p) => [p.guest, posix.join(MOUNT, p.guest)]));
    const spec = {
      artifact: inv.artifact,
      args: inv.args.map((a) => remap.get(a) ?? a),
      env: inv.env,
      preopens: inv.preopens.map((p) => ({ host: p.host, guest: remap.get(p.guest)! })),
    };
    // The sdk compiles the guest with the host's V8, so V8's own cap applies to the guest's memory.
    // V8 11 (Node 20) capped this way crashes now and then (SIGSEGV at the cap) unless its GC runs on one thread.
    const memory = inv.memoryBytes ? [`--wasm-max-mem-pages=${Math.ceil(inv.memoryBytes / 65536)}`, '--single-threaded-gc'] : [];
    const capped = memory.length ? { memoryLimit: memory.join(' ') } : {};
    const notes = [...remap].map(([from, to]) => `preopen ${from} placed at ${to}, and arguments naming it rewritten`);
    const node = (await jsHost(where)).binary;
    if (coldOnly()) return { file: node, args: [...memory, host, JSON.stringify(spec)], env: {}, notes, ...capped };
    // The host's working folder is not the cell's; V8's switches are the warm host's own (one host per cap).
    const label = `wasmer-js@${version}${memory.length ? `-${memory[0]!.split('=')[1]}p` : ''}`;
    // On Node 22+ a worker's sdk thread pool is dead after its first guest ("the thread pool is shut
    // down: Scheduler is dead", measured on 22.23, 24.21 and 26.10): every guest gets a fresh worker there.
    const onNode = hostVersion(version);
    const perWorker = onNode && semver.gte(onNode, '22.0.0') ? 1 : PER_WORKER;
    const cmd = await warmCommand({ label, node, execArgv: memory, guest: warmGuest, perWorker, prepare }, JSON.stringify({ ...spec, artifact: resolve(inv.workDir, inv.artifact) }));
    return { ...cmd, notes: [...notes, ...(cmd.notes ?? [])], ...capped };
  },

  normalize(raw: RawOutcome): RawOutcome {
    const warm = warmHostError(raw);
    if (warm) return warm;
    // Seen as `RuntimeError: …` (Node 20) and as `Error [RuntimeError]: …` (the warm host on Node 22–26).
    const trap = /RuntimeError\]?: (?:js: )?(.*)/.exec(raw.stderr);
    if (trap && raw.exitCode !== 0) return { ...raw, trap: trap[1]! };
    const err = /^wasmer-js host error: (.*)$/m.exec(raw.stderr);
    return err ? { ...raw, internalError: err[1]! } : raw;
  },
};

export default wasmerJs;
