import { createServer, connect } from 'node:net';
import { execa } from 'execa';
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

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/**
 * Server cases: start the runtime's server, wait until it accepts, send the case's requests
 * in order, then stop it. Each request is a check the harness makes of the real response.
 */
export async function serveCell(cmd: CommandSpec, port: number, requests: ServeRequest[], timeoutMs: number, cwd: string): Promise<RawOutcome> {
  const started = performance.now();
  const child = execa(cmd.file, cmd.args, { env: cmd.env ?? {}, extendEnv: false, cwd, detached: true, reject: false, all: true, stdin: 'ignore' });
  let exited = false;
  void child.finally(() => (exited = true));
  const deadline = started + timeoutMs;
  let ready = false;
  while (!exited && performance.now() < deadline) {
    if (await accepts(port)) {
      ready = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const lines: string[] = [];
  if (ready) {
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
  }
  const wasAlive = !exited;
  if (child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  const r = await child;
  return {
    // A server that was still serving when we stopped it "exited" cleanly for the verdict.
    exitCode: wasAlive ? 0 : (r.exitCode ?? null),
    signal: null,
    timedOut: !ready && wasAlive,
    outputLimited: false,
    stdout: `${lines.join('\n')}\n`,
    stderr: String(r.all ?? ''),
    durationMs: Math.round(performance.now() - started),
  };
}
