import { connect as tcpConnect, type Socket } from 'node:net';
import { constants } from 'node:os';
import { execa, type ResultPromise } from 'execa';
import { killGroup, type Limits } from './proc.ts';
import { accepts } from './serve.ts';
import type { CommandSpec, Operation, RawOutcome } from './types.ts';

/** What a `run` operation needs from the runner: the command for that run, and the port a server mode serves on. */
export type Starter = (run: Extract<Operation, { type: 'run' }>) => Promise<{ command: CommandSpec; port?: number }>;

/** `root` is preopened as `/`, each of `dirs` under its own name; hosts are relative to the fixture copy. */
export function preopensOf(layout: { root?: string | undefined; dirs: string[] }): { host: string; guest: string }[] {
  return [...(layout.root ? [{ host: layout.root, guest: '/' }] : []), ...layout.dirs.map((d) => ({ host: d, guest: d }))];
}

/** The check name each operation reports under, in order: `op3-read`. */
export const operationChecks = (ops: Operation[]): string[] => [...ops.map((op, i) => `op${i + 1}-${op.type}`), 'end'];

interface Stream {
  data: string;
  at: number;
  ended: boolean;
}

interface Proc {
  child: ResultPromise<{ detached: true; reject: false; stdin: 'pipe'; encoding: 'utf8' }>;
  out: Stream;
  err: Stream;
  exited: boolean;
  exit?: { code: number | null; signal: string | null };
  port?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const show = (s: string) => JSON.stringify(s.length > 120 ? `${s.slice(0, 120)}…` : s);

/** Waits until `ready()` or the deadline, polling: streams and sockets fill in the background. */
async function until(ready: () => boolean, deadline: number): Promise<boolean> {
  while (!ready()) {
    if (performance.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}

/** A process that died of a signal compares as minus the signal number, as the reference runner sees it. */
function exitNumber(e: { code: number | null; signal: string | null }): number | null {
  if (e.signal) return -(constants.signals[e.signal as keyof typeof constants.signals] ?? 0);
  return e.code;
}

/**
 * Drives one process through an ordered script (wasi-testsuite's `operations`): run, write to stdin,
 * read exact bytes from stdout/stderr, connect to the address the guest prints, send/recv, HTTP
 * requests to a server mode, signals, wait for the exit code. Each operation reports `ok opN-type`
 * or `not ok opN-type # why`; the first failure ends the script, as in the reference runner.
 */
export async function driveOperations(ops: Operation[], start: Starter, limits: Limits, cwd: string): Promise<RawOutcome> {
  const started = performance.now();
  const deadline = started + limits.timeoutMs;
  const lines: string[] = [];
  const outputs: string[] = [];
  const errors: string[] = [];
  const sockets = new Map<string, { socket: Socket; data: string; closed: boolean }>();
  let proc: Proc | null = null;
  let timedOut = false;
  let outputLimited = false;
  let lastExit: number | null = null;
  let seen = 0;

  const finish = (p: Proc) => {
    outputs.push(p.out.data);
    errors.push(p.err.data);
  };

  const startProc = async (op: Extract<Operation, { type: 'run' }>): Promise<string | null> => {
    if (proc) return 'a process is still running';
    const { command, port } = await start(op);
    const child = execa(command.file, command.args, {
      env: command.env ?? {}, extendEnv: false, cwd, detached: true, reject: false, stdin: 'pipe', encoding: 'utf8',
    });
    const p: Proc = { child, out: { data: '', at: 0, ended: false }, err: { data: '', at: 0, ended: false }, exited: false, ...(port ? { port } : {}) };
    const feed = (s: Stream) => (chunk: Buffer | string) => {
      s.data += chunk.toString();
      seen += chunk.length;
      if (seen > limits.outputBytes && !outputLimited) {
        outputLimited = true;
        killGroup(child.pid);
      }
    };
    child.stdout.on('data', feed(p.out));
    child.stderr.on('data', feed(p.err));
    child.stdout.on('end', () => (p.out.ended = true));
    child.stderr.on('end', () => (p.err.ended = true));
    child.stdin.on('error', () => {});
    void child.then((r) => {
      p.exited = true;
      p.exit = { code: r.exitCode ?? null, signal: r.signal ?? null };
    });
    proc = p;
    return null;
  };

  const stream = (id: string): Stream | null => (id === 'stdout' ? proc!.out : id === 'stderr' ? proc!.err : null);

  const readLine = async (s: Stream): Promise<string | null> => {
    if (!(await until(() => s.data.indexOf('\n', s.at) >= 0 || s.ended, deadline))) return null;
    const end = s.data.indexOf('\n', s.at);
    const line = end >= 0 ? s.data.slice(s.at, end) : s.data.slice(s.at);
    s.at = end >= 0 ? end + 1 : s.data.length;
    return line.trim();
  };

  const step = async (op: Operation): Promise<string | null> => {
    if (op.type === 'run') return startProc(op);
    if (!proc) return 'no process is running';
    const p: Proc = proc;
    switch (op.type) {
      case 'write': {
        if (op.id !== 'stdin' && op.id !== 'write') return `no writable stream ${op.id}`;
        p.child.stdin.write(op.payload);
        return null;
      }
      case 'read': {
        const s = stream(op.id);
        if (!s) return `no readable stream ${op.id}`;
        const want = op.payload.length;
        // Output that already differs from the payload fails at once rather than waiting for more.
        const settled = () => s.data.length - s.at >= want || s.ended || !op.payload.startsWith(s.data.slice(s.at));
        if (!(await until(settled, deadline))) return `timed out reading ${op.id}: got ${show(s.data.slice(s.at))}`;
        const got = s.data.slice(s.at, s.at + want);
        s.at += got.length;
        return got === op.payload ? null : `${op.id}: expected ${show(op.payload)}, got ${show(got)}`;
      }
      case 'wait': {
        p.child.stdin.end();
        if (!(await until(() => p.exited, deadline))) return 'still running at the deadline';
        finish(p);
        proc = null;
        lastExit = exitNumber(p.exit!);
        return lastExit === op.exit_code ? null : `exit code ${lastExit}, want ${op.exit_code}`;
      }
      case 'kill': {
        try {
          process.kill(-p.child.pid!, op.signal as NodeJS.Signals);
        } catch (e) {
          return `could not send ${op.signal}: ${(e as Error).message}`;
        }
        return null;
      }
      case 'connect': {
        if (op.protocol_type !== 'tcp') return `${op.protocol_type} connections are not driven`;
        const line = await readLine(p.out);
        const m = line ? /^(.+):(\d+)$/.exec(line) : null;
        if (!m) return `expected the guest's address as <host>:<port> on stdout, got ${show(line ?? '')}`;
        const entry = { socket: null as unknown as Socket, data: '', closed: false };
        const err = await new Promise<string | null>((resolve) => {
          entry.socket = tcpConnect(Number(m[2]), m[1]!, () => resolve(null));
          entry.socket.on('error', (e) => resolve(`could not connect to ${line}: ${e.message}`));
        });
        if (err) return err;
        entry.socket.on('data', (d) => (entry.data += d.toString()));
        entry.socket.on('close', () => (entry.closed = true));
        sockets.set(op.id, entry);
        return null;
      }
      case 'send': {
        const s = sockets.get(op.id);
        if (!s) return `no connection ${op.id}`;
        s.socket.write(op.payload);
        return null;
      }
      case 'recv': {
        const s = sockets.get(op.id);
        if (!s) return `no connection ${op.id}`;
        const settled = () => s.data.length >= op.payload.length || s.closed || !op.payload.startsWith(s.data);
        if (!(await until(settled, deadline))) return `timed out receiving on ${op.id}: got ${show(s.data)}`;
        const got = s.data.slice(0, op.payload.length);
        s.data = s.data.slice(got.length);
        return got === op.payload ? null : `${op.id}: expected ${show(op.payload)}, got ${show(got)}`;
      }
      case 'request': {
        if (!p.port) return 'no server port: the process was not started in a server mode';
        const port = p.port;
        // The server is ready once its port accepts (the reference runner waits for its banner line instead).
        while (!p.exited && performance.now() < deadline && !(await accepts(port))) await sleep(50);
        if (p.exited) return `the server exited before the request (${JSON.stringify(p.exit)})`;
        try {
          const res = await fetch(`http://127.0.0.1:${port}${op.path}`, {
            method: op.method, headers: op.headers, ...(op.body ? { body: op.body } : {}),
            signal: AbortSignal.timeout(Math.max(1000, Math.round(deadline - performance.now()))),
          });
          const body = await res.text();
          const want = op.response;
          if (res.status !== want.status) return `${op.method} ${op.path}: status ${res.status}, want ${want.status}`;
          for (const [h, v] of Object.entries(want.headers)) {
            if (res.headers.get(h) !== v) return `${op.method} ${op.path}: header ${h} is ${show(res.headers.get(h) ?? '(absent)')}, want ${show(v)}`;
          }
          return body === want.body ? null : `${op.method} ${op.path}: body ${show(body)}, want ${show(want.body)}`;
        } catch (e) {
          return `${op.method} ${op.path}: ${(e as Error).message}`;
        }
      }
    }
  };

  try {
    for (const [i, op] of ops.entries()) {
      const problem = await step(op);
      if (outputLimited || performance.now() > deadline) {
        timedOut = !outputLimited;
        break;
      }
      const name = `op${i + 1}-${op.type}`;
      lines.push(problem ? `not ok ${name} # ${problem}` : `ok ${name}`);
      if (problem) break;
    }
    if (!timedOut && !outputLimited && !lines.some((l) => l.startsWith('not ok'))) {
      lines.push(proc ? 'not ok end # the process was still running after the last operation' : 'ok end');
    }
  } finally {
    for (const s of sockets.values()) s.socket.destroy();
    const p = proc as Proc | null;
    if (p) {
      killGroup(p.child.pid);
      await p.child;
      finish(p);
    }
  }
  return {
    // The scripted wait judged the exit code; the verdict reads the checks.
    exitCode: lastExit,
    signal: null,
    timedOut,
    outputLimited,
    stdout: `${outputs.join('')}\n${lines.join('\n')}\n`,
    stderr: errors.join(''),
    durationMs: Math.round(performance.now() - started),
  };
}
