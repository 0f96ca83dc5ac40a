import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { sha256 } from './hash.ts';
import { ROOT } from './paths.ts';
import { prepared } from './prepared.ts';
import type { CommandSpec, RawOutcome } from './types.ts';

const server = join(ROOT, 'src', 'warm-host', 'server.mjs');
const clientSource = join(ROOT, 'src', 'warm-host', 'client.c');
const nodeClient = join(ROOT, 'src', 'warm-host', 'client.mjs');
/** A host with no guest for this long exits by itself. */
const IDLE_MS = 30_000;
/**
 * We hand out a host only within half that of its last use, so that it never goes between our
 * choosing it and the cell's client connecting: a host left longer fades out on its own.
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
  const child = spawn(spec.node, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], env: process.env.WARM_TRACE ? { WARM_TRACE: process.env.WARM_TRACE } : {} });
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

interface Client {
  /** The program and the arguments before the socket's path. */
  argv: string[];
  note?: string;
}

let client: Promise<Client> | undefined;

/**
 * The cell's client: client.c, compiled once into the cache with the machine's C compiler (a
 * Node start is ~90 ms of CPU per cell, this ~1 ms); without one, the same client in Node.
 */
function clientFor(node: string): Promise<Client> {
  client ??= prepared('warm-client', { source: sha256(readFileSync(clientSource)), platform: process.platform, arch: process.arch }, async (dir) => {
    await execa('cc', ['-O2', '-o', join(dir, 'client'), clientSource], { env: { PATH: process.env.PATH ?? '' }, extendEnv: false });
  }).then(
    (p) => ({ argv: [join(p.dir, 'client')] }),
    (e: Error) => ({ argv: [], note: `no compiled client (${(e as { shortMessage?: string }).shortMessage ?? e.message}): a Node process relays the cell` }),
  );
  return client.then((c) => (c.argv.length ? c : { ...c, argv: [node, nodeClient] }));
}

/**
 * The command for one cell run by a warm host: a small client that the driver starts and limits
 * like any runtime process; the guest runs in a worker of the host (started on first use), in a
 * fresh instance of the runtime's sandbox.
 */
export async function warmCommand(spec: WarmHostSpec, guestArgv: string): Promise<CommandSpec> {
  const [host, { argv: [file, ...args], note }] = await Promise.all([hostFor(spec), clientFor(spec.node)]);
  return {
    file: file!,
    args: [...args, host.socket, guestArgv],
    env: {},
    notes: [`run by a warm ${spec.label} host (a worker runs up to ${spec.perWorker} guests, each in a fresh instance)`, ...(note ? [note] : [])],
  };
}

/** The warm host failing is the harness's fault, not the guest's. */
export function warmHostError(raw: RawOutcome): RawOutcome | null {
  const m = /^(wasi-matrix warm host.*)$/m.exec(raw.stderr);
  return m ? { ...raw, harnessError: m[1]! } : null;
}
