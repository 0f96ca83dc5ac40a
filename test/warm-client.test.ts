// The driver's side of a warm host (no process per cell): the guest's stdout, stderr and exit
// status come back as the guest gave them, stdin goes through, stopping a guest leaves the host
// serving, and a host that is not there is reported as the harness's fault.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import type { Child } from '../src/proc.ts';
import { connectWarm } from '../src/warm-client.ts';
import { warmCommand } from '../src/warm-host.ts';

const spec = { label: 'echo', node: process.execPath, execArgv: [], guest: join(ROOT, 'test', 'fixtures', 'warm', 'echo-guest.mjs'), perWorker: 1 };

async function collect(child: Child) {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const ended = await child.ended;
  await new Promise((r) => setImmediate(r));
  return { ...ended, stdout, stderr };
}

describe('a warm host guest, asked for on its socket', () => {
  test('stdout, stderr, stdin and the exit status go through as the guest gave them', async () => {
    const cmd = await warmCommand(spec, JSON.stringify({ out: 'out\n', err: 'err\n', big: 200_000, code: 7 }));
    expect(cmd.warm?.socket).toMatch(/host\.sock$/);
    const child = connectWarm(cmd.warm!.socket, cmd.warm!.request);
    child.stdin.end('from stdin');
    const r = await collect(child);
    expect(r.exitCode).toBe(7);
    expect(r.stderr).toBe('err\n');
    expect(r.stdout).toBe(`out\n${'a'.repeat(200_000)}from stdin`);
  });

  test('a stopped guest reads as killed, and the same host serves the next one', async () => {
    const waiting = await warmCommand(spec, JSON.stringify({ out: 'waiting\n', code: 0 }));
    const child = connectWarm(waiting.warm!.socket, waiting.warm!.request);
    // The guest copies stdin until it ends: it runs until we stop it.
    await new Promise<void>((r) => child.stdout.once('data', () => r()));
    child.stop();
    expect(await child.ended).toEqual({ signal: 'SIGKILL' });
    const next = await warmCommand(spec, JSON.stringify({ out: 'next\n', code: 0 }));
    expect(next.warm!.socket).toBe(waiting.warm!.socket);
    const second = connectWarm(next.warm!.socket, next.warm!.request);
    second.stdin.end();
    expect(await collect(second)).toMatchObject({ exitCode: 0, stdout: 'next\n' });
  });

  test('a host that is not there is the harness failing, in its own words', async () => {
    const child = connectWarm(join(ROOT, 'no-such-host.sock'), '{}');
    const r = await collect(child);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^wasi-matrix warm host unreachable: .*ENOENT/);
  });
});

describe('a warm host whose runtime breaks in a worker', () => {
  const fragile = { ...spec, label: 'fragile', guest: join(ROOT, 'test', 'fixtures', 'warm', 'fragile-guest.mjs'), perWorker: 10 };
  const guest = async (s: object, stdin = '') => {
    const cmd = await warmCommand(fragile, JSON.stringify(s));
    const child = connectWarm(cmd.warm!.socket, cmd.warm!.request);
    child.stdin.end(stdin);
    return collect(child);
  };
  const workerOf = (stdout: string) => /^worker (\S+)/.exec(stdout)?.[1];

  test('a guest that finds it dead starts again, once, on a fresh worker, its stdin given again', async () => {
    const poisoned = await guest({ poison: true });
    expect(poisoned.exitCode).toBe(0);
    const next = await guest({}, 'stdin survives');
    expect(next.exitCode).toBe(0);
    expect(next.stdout).toMatch(/^worker \S+\nstdin survives$/);
    expect(workerOf(next.stdout)).not.toBe(workerOf(poisoned.stdout));
  });

  test('a retired worker gets no other guest', async () => {
    const first = await guest({});
    const again = await guest({});
    expect(workerOf(again.stdout)).toBe(workerOf(first.stdout));
    const retiring = await guest({ retire: true });
    expect(retiring.exitCode).toBe(3);
    const after = await guest({});
    expect(workerOf(after.stdout)).not.toBe(workerOf(retiring.stdout));
  });

  test('a guest that cannot start on a fresh worker either ends with the runtime\'s words', async () => {
    const r = await guest({ hopeless: true });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('the runtime is dead\n');
    expect(r.stdout).toBe('');
  });
});
