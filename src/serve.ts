import { createServer, connect } from 'node:net';
import { execa } from 'execa';
import { killGroup } from './proc.ts';
import type { CommandSpec, RawOutcome } from './types.ts';

export interface ServeRequest {
  method: string;
  path: string;
  status: number;
  body?: string;
}

/** An ephemeral loopback port: bound by us for a moment, then handed to the runtime. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether something accepts TCP connections on the loopback port yet. */
export async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

export interface TcpExchange {
  send: string;
  expect: string;
}

/** Probes: what the harness does against a listening guest, as TAP-like check lines. */
export type Probe = (port: number, deadline: number, alive: () => boolean) => Promise<string[]>;

/** HTTP requests in order; each checks status and, if given, the exact body. */
export function httpProbe(requests: ServeRequest[]): Probe {
  return async (port, deadline) => {
    const lines: string[] = [];
    for (const [i, req] of requests.entries()) {
      const name = `request-${i + 1}`;
      try {
        const res = await fetch(`http://127.0.0.1:${port}${req.path}`, { method: req.method, signal: AbortSignal.timeout(Math.max(1000, Math.round(deadline - performance.now()))) });
        const body = await res.text();
        const ok = res.status === req.status && (req.body === undefined || body === req.body);
        lines.push(ok ? `ok ${name}` : `not ok ${name} # ${req.method} ${req.path}: ${res.status} ${JSON.stringify(body.slice(0, 120))}`);
      } catch (e) {
        lines.push(`not ok ${name} # ${req.method} ${req.path}: ${(e as Error).message}`);
      }
    }
    return lines;
  };
}

/**
 * One TCP connection per exchange: send bytes, read until the expected reply's length or close.
 * A guest may accept only the connections it expects, so no readiness probe is made: a refused
 * connection is retried while the guest runs, until the deadline.
 */
export function tcpProbe(exchanges: TcpExchange[]): Probe {
  return async (port, deadline, alive) => {
    const lines: string[] = [];
    for (const [i, ex] of exchanges.entries()) {
      const name = `exchange-${i + 1}`;
      let got = '';
      for (;;) {
        got = await exchange(port, ex, deadline);
        if (!got.endsWith('[connect ECONNREFUSED]') || !alive() || performance.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      lines.push(got === ex.expect ? `ok ${name}` : `not ok ${name} # sent ${JSON.stringify(ex.send)}, got ${JSON.stringify(got.slice(0, 120))}`);
    }
    return lines;
  };
}

function exchange(port: number, ex: TcpExchange, deadline: number): Promise<string> {
  return new Promise<string>((resolve) => {
    let data = '';
    const s = connect(port, '127.0.0.1', () => s.write(ex.send));
    const done = () => {
      s.destroy();
      resolve(data);
    };
    s.setTimeout(Math.max(1000, Math.round(deadline - performance.now())), done);
    s.on('data', (d) => {
      data += d.toString();
      if (data.length >= ex.expect.length) done();
    });
    s.on('end', done);
    s.on('error', (e: NodeJS.ErrnoException) => resolve(`${data}[${e.syscall ?? 'socket'} ${e.code ?? e.message}]`));
  });
}

/**
 * Listening cases: start the runtime (a server mode, or a guest that listens itself), wait
 * until the port accepts, run the harness's probe against it, then stop it.
 */
export async function serveCell(cmd: CommandSpec, port: number, probe: Probe, timeoutMs: number, cwd: string, waitForPort = true): Promise<RawOutcome> {
  const started = performance.now();
  const child = execa(cmd.file, cmd.args, { env: cmd.env ?? {}, extendEnv: false, cwd, detached: true, reject: false, stdin: 'ignore' });
  let exited = false;
  void child.finally(() => (exited = true));
  const deadline = started + timeoutMs;
  let ready = !waitForPort;
  while (!ready && !exited && performance.now() < deadline) {
    if (await accepts(port)) {
      ready = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const lines = ready ? await probe(port, deadline, () => !exited) : [];
  // A guest that listens itself finishes its own reporting after the exchange: let it exit.
  if (!waitForPort) await Promise.race([child, new Promise((r) => setTimeout(r, Math.max(0, deadline - performance.now())))]);
  const wasAlive = !exited;
  killGroup(child.pid);
  const r = await child;
  return {
    // A server that was still serving when we stopped it "exited" cleanly for the verdict.
    exitCode: wasAlive ? 0 : (r.exitCode ?? null),
    signal: null,
    timedOut: !ready && wasAlive,
    outputLimited: false,
    stdout: `${String(r.stdout ?? '')}\n${lines.join('\n')}\n`,
    stderr: String(r.stderr ?? ''),
    durationMs: Math.round(performance.now() - started),
  };
}
