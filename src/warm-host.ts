import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './paths.ts';
import type { CommandSpec, RawOutcome } from './types.ts';

const server = join(ROOT, 'src', 'warm-host', 'server.mjs');
/** A host with no guest for this long exits by itself. */
const IDLE_MS = 30_000;
/**
 * We hand out a host only within half that of its last use, so that it never goes between our
 * choosing it and the cell connecting: a host left longer fades out on its own.
 */
const REUSE_MS = IDLE_MS / 2;

/** What a warm host runs: one guest module per worker, under this Node and these flags. */
export interface WarmHostSpec {
  /** Names the host in notes and keys it: runtime id and version. */
  label: string;
  node: string;
  /** Node flags of the host process (and so of its workers): V8 switches are per process. */
  execArgv: string[];
  /** The runtime's guest module: its default export `run(spec, io, prepared)` runs one guest and resolves to its exit code. */
  guest: string;
  /** How many guests a worker may run, one after another (each ended by itself); 1: a fresh worker for every guest. */
  perWorker: number;
  /** A module whose default export makes, once per host, the `workerData` every worker gets (e.g. a compiled runtime). */
  prepare?: string;
  /** What every worker gets instead, when there is nothing to make (plain JSON). */
  data?: unknown;
  /** How many fresh workers, their guest module loaded, wait for the next guests (for perWorker 1). */
  spare?: number;
}

interface Host {
  child: ChildProcess;
  socket: string;
  ready: Promise<void>;
  lastUsed: number;
}

const hosts = new Map<string, Host>();

function start(spec: WarmHostSpec): Host {
  const socket = join(mkdtempSync(join(tmpdir(), 'wasi-matrix-warm-')), 'host.sock');
  const config = { guest: spec.guest, perWorker: spec.perWorker, spare: spec.spare ?? 0, prepare: spec.prepare, data: spec.data };
  const args = [...spec.execArgv, server, socket, String(process.pid), String(IDLE_MS), JSON.stringify(config)];
  // Its own process group: the driver kills a cell's group, never the host. Our end of its fd 3
  // stays open as long as we live; when we go, it goes. Its stdin is /dev/null, as guests may read fd 0.
  // It works in its socket's folder, under the run's temporary dir like every process of the run.
  const child = spawn(spec.node, args, { detached: true, cwd: dirname(socket), stdio: ['ignore', 'pipe', 'pipe', 'pipe'], env: {} });
  let err = '';
  const keep = (d: Buffer) => (err += d);
  child.stderr!.on('data', keep);
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    child.on('error', reject);
    child.on('exit', (code, signal) => reject(new Error(`the ${spec.label} warm host exited (${signal ?? code}) before it was ready: ${err.trim().slice(-500)}`)));
  });
  // Once ready, the host must not keep the run alive: it goes when the run does.
  void ready.then(() => {
    child.stderr!.off('data', keep);
    for (const s of [child.stdio[3], child.stdout, child.stderr]) (s as unknown as { unref(): void }).unref();
    child.unref();
  }, () => {});
  return { child, socket, ready, lastUsed: Date.now() };
}

/** A host that is running and still takes guests (it removes its socket when it stops taking them). */
async function hostFor(spec: WarmHostSpec): Promise<Host> {
  const key = JSON.stringify(spec);
  let host = hosts.get(key);
  const gone = host && (host.child.exitCode !== null || host.child.signalCode !== null || Date.now() - host.lastUsed > REUSE_MS);
  if (!host || gone) {
    host = start(spec);
    hosts.set(key, host);
  }
  try {
    await host.ready;
  } catch (e) {
    hosts.delete(key);
    throw e;
  }
  if (!existsSync(host.socket)) {
    hosts.delete(key);
    return hostFor(spec);
  }
  host.lastUsed = Date.now();
  return host;
}

/**
 * The command for one cell run by a warm host (started on first use): the driver sends the request
 * on the host's socket, where a worker runs the guest in a fresh instance of the runtime's sandbox,
 * limited and ended by the driver as a process would be (src/warm-client.ts).
 */
export async function warmCommand(spec: WarmHostSpec, guestArgv: string): Promise<CommandSpec> {
  const host = await hostFor(spec);
  return {
    file: host.socket,
    args: [guestArgv],
    env: {},
    warm: { socket: host.socket, request: guestArgv },
    notes: [`run by a warm ${spec.label} host (a worker runs up to ${spec.perWorker} guests, each in a fresh instance)`],
  };
}

/** The warm host failing is the harness's fault, not the guest's. */
export function warmHostError(raw: RawOutcome): RawOutcome | null {
  const m = /^(wasi-matrix warm host.*)$/m.exec(raw.stderr);
  return m ? { ...raw, harnessError: m[1]! } : null;
}
