// The fast paths (jco's cached transpile run in a warm host, wasmer-js's warm host, wasmtime's
// precompiled modules) against the cold ones they replace (WASI_MATRIX_COLD=1): real cells, the
// same statuses; a hung guest is killed without harming the host's next guest; a host never
// outlives its run.
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Filters } from '../src/filters.ts';
import { npmTool, type NpmTool } from '../src/npm-bin.ts';
import { connectWarm } from '../src/warm-client.ts';
import { warmCommand } from '../src/warm-host.ts';
import { ROOT } from '../src/paths.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import type { Result } from '../src/types.ts';
import { tempDir } from './temp.ts';

async function run(filters: Filters, cold: boolean): Promise<Result[]> {
  const plan = await makePlan({ root: ROOT, filters });
  if (cold) process.env.WASI_MATRIX_COLD = '1';
  try {
    return (await runPlan(plan, { recordDir: mkdtempSync(join(tmpdir(), 'warm-hosts-')) })).run.results;
  } finally {
    delete process.env.WASI_MATRIX_COLD;
  }
}

const ran = (rs: Result[]) => rs.filter((r) => r.run);
const statuses = (rs: Result[]) => Object.fromEntries(rs.map((r) => [r.key, r.status]));
const notes = (r: Result) => r.run?.notes.join('\n') ?? '';

const SAMPLE: Filters[] = [
  { suite: ['cli'], language: ['c', 'go'], runtime: ['jco', 'wasmer-js'] },
  { suite: ['selftest'], language: ['c'], runtime: ['wasmer-js'] },
  // The selftests with a p2 build (flood is p1 only: `jco run` itself stalls after 16 KB when its stdout is a socket).
  { suite: ['selftest'], case: ['hang', 'trap', 'malloc-bomb'], language: ['c'], runtime: ['jco'] },
  { suite: ['http'], case: ['serve'], language: ['rust'], runtime: ['jco'] },
  // A witness of argv fidelity: this guest's crash under jco follows the length of argv[0].
  { suite: ['fs'], case: ['readdir-large'], language: ['go'], runtime: ['jco'] },
  { suite: ['cli'], language: ['c', 'go'], runtime: ['wasmtime@49'] },
];
const FAST = { jco: /transpiled/, 'wasmer-js': /warm wasmer-js@/, wasmtime: /precompiled/ } as Record<string, RegExp>;
/** jco's cells that run in a process of their own: a served component, and a case that writes to the guest's stdin. */
const ownProcess = (r: Result) => r.case === 'serve' || r.case === 'stdin';

describe('fast paths give the statuses of the cold ones', () => {
  const warm: Result[] = [];
  const cold: Result[] = [];
  beforeAll(async () => {
    for (const f of SAMPLE) {
      cold.push(...(await run(f, true)));
      warm.push(...(await run(f, false)));
    }
  });

  test('the sample ran real cells on both runtimes', () => {
    expect(new Set(ran(warm).map((r) => r.runtime))).toEqual(new Set(Object.keys(FAST)));
    expect(ran(warm).length).toBeGreaterThanOrEqual(10);
  });

  test('every cell has the same status warm and cold', () => {
    expect(statuses(warm)).toEqual(statuses(cold));
  });

  test('the warm cells took the warm paths, the cold ones did not', () => {
    for (const r of ran(warm)) expect(notes(r), r.key).toMatch(FAST[r.runtime]!);
    for (const r of ran(cold)) expect(notes(r), r.key).not.toMatch(/transpiled|warm|precompiled/);
  });

  test('jco runs every guest in the warm host but a served one and one that is given stdin', () => {
    const jco = ran(warm).filter((r) => r.runtime === 'jco');
    expect(new Set(jco.filter(ownProcess).map((r) => r.case))).toEqual(new Set(['serve', 'stdin']));
    expect(jco.filter((r) => !ownProcess(r)).length).toBeGreaterThanOrEqual(20);
    for (const r of jco) {
      if (ownProcess(r)) expect(notes(r), r.key).not.toMatch(/warm/);
      else expect(notes(r), r.key).toMatch(/warm jco@/);
    }
  });

  test('jco runs a cached transpile with the preview2-shim jco itself resolves', () => {
    const r = ran(warm).find((x) => x.runtime === 'jco' && ownProcess(x))!;
    const script = r.run!.argv.find((a) => a.endsWith('_run.mjs'))!;
    expect(script).toMatch(/jco\/[0-9a-f]{64}\/_run\.mjs$/);
    const jco = npmTool('@bytecodealliance/jco') as NpmTool;
    const theirs = createRequire(join(jco.dir, 'package.json')).resolve('@bytecodealliance/preview2-shim/cli');
    const ours = join(dirname(script), 'node_modules', '@bytecodealliance', 'preview2-shim');
    expect(realpathSync(theirs).startsWith(`${realpathSync(ours)}/`)).toBe(true);
  });

  test.each(['wasmer-js', 'jco'])('traps, timeouts and the memory cap are classified as before on %s', (runtime) => {
    const byCase = (c: string) => ran(warm).find((r) => r.case === c && r.runtime === runtime)!;
    expect(byCase('hang').status).toBe('TIMEOUT');
    expect(byCase('trap').status).toBe('CRASH');
    expect(byCase('trap').reason).toMatch(/trap: .*unreachable/i);
    // The guest's own check that its allocations were refused at the cap.
    expect(byCase('malloc-bomb').status).toBe('PASS');
  });

  test('the output cap holds in a warm host', () => {
    const flood = warm.find((r) => r.case === 'flood' && r.runtime === 'wasmer-js')!;
    expect(flood.status).toBe('CRASH');
    expect(flood.reason).toMatch(/output limit/);
  });
});

describe('a warm host outlives the guests it kills', () => {
  test.each(['wasmer-js', 'jco'])('after a hung guest is killed at its deadline, the same %s host runs the next guest', async (runtime) => {
    const target = [runtime === 'jco' ? 'p2' : 'p1'];
    const [hang] = await run({ suite: ['selftest'], case: ['hang'], language: ['c'], target, runtime: [runtime] }, false);
    const next = await run({ suite: ['cli'], case: ['args'], language: ['c'], target, runtime: [runtime] }, false);
    expect(hang!.status).toBe('TIMEOUT');
    expect(next[0]!.status).toBe('PASS');
    // The client's argv names the host's socket: the same host served both.
    const socket = (r: Result) => r.run!.argv.find((a) => a.endsWith('host.sock'));
    expect(socket(next[0]!)).toBeDefined();
    expect(socket(next[0]!)).toBe(socket(hang!));
  });
});

/** The pids of the warm hosts listening on `socket` (it is in their command line). */
function hostsOn(socket: string): string[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(socket);
    } catch {
      return false;
    }
  });
}

describe('a warm host never outlives the run that started it', () => {
  test('when its starter is killed outright, the host goes and takes its socket with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warm-starter-'));
    const starter = join(dir, 'starter.mts');
    writeFileSync(starter, `
      import { warmCommand } from ${JSON.stringify(join(ROOT, 'src', 'warm-host.ts'))};
      const cmd = await warmCommand({ label: 'test', node: process.execPath, execArgv: [], guest: ${JSON.stringify(join(ROOT, 'runtimes', 'wasmer-js', 'warm.mjs'))}, perWorker: 1 }, '{}');
      console.log(cmd.warm.socket);
      setInterval(() => {}, 1000);
    `);
    const child = execa(process.execPath, ['--import', 'tsx', starter], { cwd: ROOT, reject: false });
    const socket = await new Promise<string>((resolve) => child.stdout!.once('data', (d) => resolve(String(d).trim())));
    const hosts = () => hostsOn(socket);
    expect(existsSync(socket)).toBe(true);
    expect(hosts()).toHaveLength(1);
    child.kill('SIGKILL');
    await child;
    const deadline = Date.now() + 5000;
    while (hosts().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(hosts()).toEqual([]);
    expect(existsSync(dirname(socket))).toBe(false);
  });
});

describe('a warm host stops a guest whose client hung up', () => {
  test('a guest spinning past its deadline is terminated, not left burning a core', async () => {
    const cmd = await warmCommand({ label: 'spin', node: process.execPath, execArgv: [], guest: join(ROOT, 'test', 'fixtures', 'warm', 'spin-guest.mjs'), perWorker: 1 }, '{}');
    const { socket, request } = cmd.warm!;
    const [pid] = hostsOn(socket);
    // The host's threads: the guest's worker is one of them while it lives.
    const threads = () => readdirSync(`/proc/${pid}/task`).length;
    const guest = connectWarm(socket, request);
    guest.stdin.end();
    await new Promise((r) => setTimeout(r, 500));
    const running = threads();
    guest.stop();
    await guest.ended;
    const deadline = Date.now() + 5000;
    while (threads() >= running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(threads()).toBeLessThan(running);
  }, 30_000);
});

describe('a warm host whose guest is stuck in a system call', () => {
  test('goes once its other guests are done, though the stuck thread cannot be stopped', async () => {
    const fifo = join(tempDir('warm-stuck-'), 'never-written');
    await execa('mkfifo', [fifo]);
    const cmd = await warmCommand({ label: 'stuck', node: process.execPath, execArgv: [], guest: join(ROOT, 'test', 'fixtures', 'warm', 'stuck-guest.mjs'), perWorker: 1 }, JSON.stringify({ fifo }));
    const { socket, request } = cmd.warm!;
    const host = () => hostsOn(socket)[0];
    expect(host()).toBeDefined();
    const guest = connectWarm(socket, request);
    await new Promise((r) => setTimeout(r, 300));
    // The cell's deadline: the client hangs up, the host terminates the worker, which stays blocked.
    guest.stop();
    await guest.ended;
    // The host gives a worker 5 s to stop, then stops taking guests and goes: a blocked thread must
    // not keep it (and its memory) alive for the rest of the run.
    const deadline = Date.now() + 15_000;
    while (host() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(host()).toBeUndefined();
    expect(existsSync(dirname(socket))).toBe(false);
  }, 30_000);
});
