import { randomBytes } from 'node:crypto';
import { connect as tcpConnect, type Socket } from 'node:net';
import { constants } from 'node:os';
import { cp, mkdir, symlink } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { inspectAfter } from './after.ts';
import { peerCheck, startPeer, type Peer } from './peers.ts';
import { accepts, allocatePort, ownedBy } from './ports.ts';
import { spawnGroup, type Child, type Limits } from './proc.ts';
import { connectWarm } from './warm-client.ts';
import type { Script, Step } from './script.ts';
import { startServers, type RunningServer } from './servers.ts';
import type { CommandSpec, HarnessCheck, RawOutcome } from './types.ts';

export type RunStep = Extract<Step, { op: 'run' }>;

/** What the runner supplies: the runtime's command for one `run` step (its server mode when `port` is set). */
export type CommandFor = (run: RunStep & { artifact: string }, port?: number) => Promise<CommandSpec>;

export interface DriveInput {
  script: Script;
  /** The artifact, run under this file name in the cell's folder (argv[0] is the guest's own name). */
  artifact: string;
  name: string;
  /** The case's fixture tree, copied afresh into the cell's folder (tests write into it). */
  fixtureDir?: string;
  /** Only these parts of the fixture are copied: work must not scale with unrelated files beside them. */
  fixtureOnly?: string[];
  workDir: string;
  limits: Limits;
  command: CommandFor;
}

export interface Driven {
  raw: RawOutcome;
  command?: CommandSpec;
  /** What the runtime's command() took to prepare (a transpile, a precompile), apart from the guest's time. */
  prepareMs?: number;
}

interface Proc {
  child: Child;
  out: { data: string; at: number; ended: boolean };
  err: { data: string; at: number; ended: boolean };
  exited: boolean;
  exit?: { code: number | null; signal: string | null };
  port?: number;
  serve: boolean;
  /** Set when the harness itself killed it (a `kill` step, `stop`, the deadline or the output cap). */
  killedByUs: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How often a waiting step looks again when nothing it was told of happened. */
const TICK_MS = 25;
/** How long a read that already differs waits for the rest of what it compares, for the message only. */
const WHOLE_MS = 20;
const show = (s: string) => JSON.stringify(s.length > 120 ? `${s.slice(0, 120)}…` : s);

/** A process that died of a signal compares as minus the signal number, as the reference runner sees it. */
function exitNumber(e: { code: number | null; signal: string | null }): number | null {
  if (e.signal) return -(constants.signals[e.signal as keyof typeof constants.signals] ?? 0);
  return e.code;
}

/** The cell's folder: a fresh copy of the fixture, and the artifact linked under the guest's own name. */
async function prepare(input: DriveInput): Promise<{ fixture: string; artifact: string }> {
  const fixture = join(input.workDir, 'fixture');
  await mkdir(input.workDir, { recursive: true });
  await mkdir(fixture);
  if (input.fixtureDir) {
    for (const part of input.fixtureOnly ?? ['.']) await cp(join(input.fixtureDir, part), join(fixture, part), { recursive: true, verbatimSymlinks: true });
  }
  const name = basename(input.name).endsWith('.wasm') ? basename(input.name) : `${basename(input.name)}.wasm`;
  await symlink(input.artifact, join(input.workDir, name));
  return { fixture, artifact: name };
}

/**
 * Runs one cell's script: starts its peer and servers, then each step in order against the live
 * process — under one deadline and one output cap for everything the cell starts. The first failing
 * check ends the script (as in the reference runner); whatever still runs is killed as a group.
 */
/** `${nonce}` in what the harness sends, and in what it expects back, becomes the cell's nonce. */
function nonced(st: Step, nonce: string): Step {
  const n = (s: string) => s.replaceAll('${nonce}', nonce);
  switch (st.op) {
    case 'send':
    case 'recv':
    case 'write':
    case 'read':
      return { ...st, payload: n(st.payload) };
    case 'request':
      return { ...st, path: n(st.path), body: n(st.body), response: { ...st.response, ...(st.response.body !== undefined ? { body: n(st.response.body) } : {}) } };
    default:
      return st;
  }
}

export async function drive(input: DriveInput): Promise<Driven> {
  const { script, limits } = input;
  const started = performance.now();
  let deadline = started + limits.timeoutMs;
  let preparedMs = 0;
  const harness: HarnessCheck[] = [];
  const outputs: string[] = [];
  const errors: string[] = [];
  const sockets = new Map<string, { socket: Socket; data: string; closed: boolean }>();
  let proc: Proc | null = null;
  let command: CommandSpec | undefined;
  let timedOut = false;
  let outputLimited = false;
  let exitCode: number | null = null;
  let signal: string | null = null;
  let seen = 0;
  let peer: Peer | null = null;
  // One per cell: what the harness sends or its peer answers carries it, so only a real exchange can show it.
  const nonce = randomBytes(6).toString('hex');
  /** The bodies a served guest answered with: where a served guest shows what its peer replied. */
  const answers: string[] = [];
  let servers: RunningServer[] = [];
  let fixture = '';
  let artifact = '';
  let harnessError: string | undefined;

  const left = () => Math.max(0, deadline - performance.now());
  /** Who waits for the next change (output, an exit, a socket's data): woken at once, not at a polling tick. */
  let waiters: (() => void)[] = [];
  const changed = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  /** Waits until `ready()` or the deadline; streams and sockets fill in the background and wake it. */
  const until = async (ready: () => boolean, withinMs = Infinity): Promise<boolean> => {
    const end = Math.min(deadline, performance.now() + withinMs);
    while (!ready()) {
      if (performance.now() > end || outputLimited) return false;
      // The tick is a backstop (the deadline passing is no event) and bounds how late a missed change is seen.
      await new Promise<void>((r) => {
        const tick = setTimeout(r, Math.min(TICK_MS, Math.max(0, end - performance.now()) + 1));
        waiters.push(() => {
          clearTimeout(tick);
          r();
        });
      });
    }
    return true;
  };

  const collect = (p: Proc) => {
    outputs.push(p.out.data);
    errors.push(p.err.data);
  };

  const startRun = async (step: RunStep): Promise<string | null> => {
    if (proc) return 'a process is still running';
    const sub = (s: string) => (peer ? s.replaceAll('${peer}', peer.address) : s);
    // A test may name a server address of its own (an unresolvable one, say): its env wins.
    const env = { ...Object.fromEntries(servers.map((s) => [s.envName, s.address])), ...Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, sub(v)])) };
    const run = { ...step, args: step.args.map(sub), env, artifact, preopens: step.preopens.map((p) => ({ host: resolve(fixture, p.host), guest: p.guest })) };
    const wantsPort = step.serve || step.args.some((a) => a.includes('${port}'));
    let port = wantsPort ? await allocatePort() : undefined;
    const at = (s: string) => (port === undefined ? s : s.replaceAll('${port}', String(port)));
    // What the runtime makes once before its first run (a transpile, a precompile) is not the guest's time.
    const preparing = performance.now();
    let cmd = await input.command({ ...run, args: run.args.map(at) }, step.serve ? port : undefined);
    deadline += performance.now() - preparing;
    preparedMs += performance.now() - preparing;
    // A grant may name the port too (a preopened listener).
    if (port === undefined && cmd.args.some((a) => a.includes('${port}'))) port = await allocatePort();
    cmd = { ...cmd, args: cmd.args.map(at), ...(cmd.flags ? { flags: cmd.flags.map((f) => f.replace(/\$\{port\}/g, '<port>')) } : {}) };
    command = cmd;
    // The process-wide backstop only where the runtime has no cap of its own: it bounds the runtime's
    // whole data, which a server mode's own reservations can exceed.
    // A warm host's guest is asked for on the host's socket: no process of its own to start.
    const child = cmd.warm ? connectWarm(cmd.warm.socket, cmd.warm.request) : spawnGroup({ file: cmd.file, args: cmd.args, env: cmd.env ?? {}, cwd: input.workDir }, cmd.memoryLimit ? undefined : limits.memoryBytes);
    const p: Proc = { child, out: { data: '', at: 0, ended: false }, err: { data: '', at: 0, ended: false }, exited: false, serve: step.serve, killedByUs: false, ...(port !== undefined ? { port } : {}) };
    const feed = (s: Proc['out']) => (chunk: string) => {
      s.data += chunk;
      seen += Buffer.byteLength(chunk);
      if (seen > limits.outputBytes && !outputLimited) {
        outputLimited = true;
        p.killedByUs = true;
        child.stop();
      }
      changed();
    };
    child.stdout.setEncoding('utf8').on('data', feed(p.out));
    child.stderr.setEncoding('utf8').on('data', feed(p.err));
    child.stdout.on('end', () => {
      p.out.ended = true;
      changed();
    });
    child.stderr.on('end', () => {
      p.err.ended = true;
      changed();
    });
    child.stdin.on('error', () => {});
    // Given stdin is written and closed; otherwise it stays open for `write` steps until `wait`.
    if (step.stdin !== undefined) child.stdin.end(step.stdin);
    void child.ended.then((r) => {
      p.exited = true;
      p.exit = { code: r.exitCode ?? null, signal: r.signal ?? null };
      if (r.failed && r.exitCode === undefined && !r.signal) harnessError ??= r.shortMessage;
      changed();
    });
    proc = p;
    return null;
  };

  /** Waits for a listener of ours on the process's port: connect-polling, then an ownership check. */
  const ready = async (p: Proc): Promise<string | null> => {
    while (!p.exited && performance.now() < deadline && !(await accepts(p.port!))) await sleep(10);
    if (p.exited) return `the process exited before it listened (exit ${exitNumber(p.exit!)})`;
    if (performance.now() >= deadline) return 'nothing listened on its port before the deadline';
    return p.child.pid !== undefined && (await ownedBy(p.port!, p.child.pid)) ? null : `port ${p.port} is held by another process`;
  };

  const finishProc = async (p: Proc) => {
    if (!p.exited) {
      p.killedByUs = true;
      p.child.stop();
    }
    await p.child.ended;
    // stdout/stderr 'end' may trail the exit slightly.
    await until(() => p.out.ended && p.err.ended);
    collect(p);
  };

  const step = async (st: Step): Promise<string | null> => {
    if (st.op === 'run') return startRun(st);
    if (!proc) return 'no process is running';
    const p: Proc = proc;
    switch (st.op) {
      case 'write':
        p.child.stdin.write(st.payload);
        return null;
      case 'read': {
        const s = st.stream === 'stdout' ? p.out : p.err;
        const want = st.payload.length;
        // Output that already differs from the payload fails at once rather than waiting for more.
        const settled = () => s.data.length - s.at >= want || s.ended || !st.payload.startsWith(s.data.slice(s.at));
        if (!(await until(settled))) return `timed out reading ${st.stream}: got ${show(s.data.slice(s.at))}`;
        // A difference seen in a partial chunk fails all the same; the rest, if it follows at once, makes the message whole.
        await until(() => s.data.length - s.at >= want || s.ended, WHOLE_MS);
        const got = s.data.slice(s.at, s.at + want);
        s.at += got.length;
        return got === st.payload ? null : `${st.stream}: expected ${show(st.payload)}, got ${show(got)}`;
      }
      case 'wait': {
        p.child.stdin.end();
        if (!(await until(() => p.exited))) return 'still running at the deadline';
        await finishProc(p);
        proc = null;
        exitCode = exitNumber(p.exit!);
        if (p.exit!.signal && !p.killedByUs) signal = p.exit!.signal;
        return st.exit === undefined || exitCode === st.exit ? null : `exit code ${exitCode}, want ${st.exit}`;
      }
      case 'kill':
        try {
          p.killedByUs = true;
          p.child.signal(st.signal as NodeJS.Signals);
        } catch (e) {
          return `could not send ${st.signal}: ${(e as Error).message}`;
        }
        return null;
      case 'stop':
        await finishProc(p);
        proc = null;
        return null;
      case 'connect':
        return connectTo(p, st.conn, st.to);
      case 'send': {
        const s = sockets.get(st.conn);
        if (!s) return `no connection ${st.conn}`;
        s.socket.write(st.payload);
        return null;
      }
      case 'recv': {
        const s = sockets.get(st.conn);
        if (!s) return `no connection ${st.conn}`;
        const settled = () => s.data.length >= st.payload.length || s.closed || !st.payload.startsWith(s.data);
        if (!(await until(settled))) return `timed out receiving on ${st.conn}: got ${show(s.data)}`;
        await until(() => s.data.length >= st.payload.length || s.closed, WHOLE_MS);
        const got = s.data.slice(0, st.payload.length);
        s.data = s.data.slice(got.length);
        return got === st.payload ? null : `${st.conn}: expected ${show(st.payload)}, got ${show(got)}`;
      }
      case 'close':
        sockets.get(st.conn)?.socket.end();
        return null;
      case 'request': {
        if (p.port === undefined || !p.serve) return 'no server port: the process was not started in a server mode';
        const notReady = await ready(p);
        if (notReady) return notReady;
        try {
          const res = await fetch(`http://127.0.0.1:${p.port}${st.path}`, {
            method: st.method, headers: st.headers, ...(st.body ? { body: st.body } : {}),
            signal: AbortSignal.timeout(Math.max(1, Math.round(left()))),
          });
          const body = await res.text();
          answers.push(body);
          const want = st.response;
          if (res.status !== want.status) return `${st.method} ${st.path}: status ${res.status}, want ${want.status} (body ${show(body)})`;
          for (const [h, v] of Object.entries(want.headers)) {
            if (res.headers.get(h) !== v) return `${st.method} ${st.path}: header ${h} is ${show(res.headers.get(h) ?? '(absent)')}, want ${show(v)}`;
          }
          return want.body === undefined || body === want.body ? null : `${st.method} ${st.path}: body ${show(body)}, want ${show(want.body)}`;
        } catch (e) {
          return `${st.method} ${st.path}: ${(e as Error).message}`;
        }
      }
    }
  };

  const connectTo = async (p: Proc, conn: string, to: 'printed' | 'port'): Promise<string | null> => {
    let host = '127.0.0.1';
    let port = p.port;
    if (to === 'printed') {
      const s = p.out;
      if (!(await until(() => s.data.indexOf('\n', s.at) >= 0 || s.ended))) return 'timed out waiting for the address line';
      const end = s.data.indexOf('\n', s.at);
      const line = (end >= 0 ? s.data.slice(s.at, end) : s.data.slice(s.at)).trim();
      s.at = end >= 0 ? end + 1 : s.data.length;
      const m = /^(.+):(\d+)$/.exec(line);
      if (!m) return `expected the guest's address as <host>:<port> on stdout, got ${show(line)}`;
      host = m[1]!;
      port = Number(m[2]);
    }
    if (port === undefined) return 'no port to connect to';
    // A guest listening by itself may not accept yet: retry a refused connection while it runs.
    for (;;) {
      const entry = { socket: null as unknown as Socket, data: '', closed: false };
      const err = await new Promise<string | null>((res) => {
        entry.socket = tcpConnect(port, host, () => res(null));
        entry.socket.on('error', (e: NodeJS.ErrnoException) => res(e.code ?? e.message));
      });
      if (!err) {
        entry.socket.setEncoding('utf8').on('data', (d: string) => {
          entry.data += d;
          changed();
        });
        entry.socket.on('close', () => {
          entry.closed = true;
          changed();
        });
        entry.socket.on('error', () => {
          entry.closed = true;
          changed();
        });
        sockets.set(conn, entry);
        return null;
      }
      if (err !== 'ECONNREFUSED' || p.exited || performance.now() > deadline) return `could not connect to ${host}:${port}: ${err}`;
      await sleep(10);
    }
  };

  try {
    ({ fixture, artifact } = await prepare(input));
    if (script.peer) peer = await startPeer(script.peer, nonce);
    servers = await startServers(script.servers);
    for (const st of script.steps) {
      const problem = await step(nonced(st, nonce));
      if (outputLimited || harnessError) break;
      if (performance.now() > deadline) {
        timedOut = true;
        break;
      }
      if (st.check) harness.push(problem ? { name: st.check, ok: false, detail: problem } : { name: st.check, ok: true, detail: '' });
      else if (problem) harness.push({ name: `${st.op}`, ok: false, detail: problem });
      if (problem) break;
    }
    const finished = !timedOut && !outputLimited && !harnessError && harness.every((h) => h.ok);
    if (finished && script.end) harness.push(proc ? { name: script.end, ok: false, detail: 'the process was still running after the last operation' } : { name: script.end, ok: true, detail: '' });
  } catch (e) {
    harnessError = (e as Error).message;
  } finally {
    for (const s of sockets.values()) s.socket.destroy();
    const p = proc as Proc | null;
    if (p) await finishProc(p);
    // Read after the guest is gone: every exchange it made has been answered by then.
    if (peer && !timedOut && !outputLimited && !harnessError) harness.push(peerCheck(script.peerSees ?? 'exchange', peer, outputs.join('') + answers.join('')));
    await peer?.stop();
    await Promise.all(servers.map((s) => s.stop()));
  }
  if (script.after && fixture && !timedOut && !outputLimited && !harnessError) {
    harness.push(...(await inspectAfter(script.after, fixture, input.fixtureDir)));
  }
  return {
    raw: {
      exitCode,
      signal,
      timedOut,
      outputLimited: outputLimited && !timedOut,
      stdout: outputs.join(''),
      stderr: errors.join(''),
      durationMs: Math.round(performance.now() - started - preparedMs),
      harness,
      ...(harnessError ? { harnessError } : {}),
    },
    ...(command ? { command } : {}),
    ...(preparedMs >= 1 ? { prepareMs: Math.round(preparedMs) } : {}),
  };
}
