// The one driver, exercised with plain Node processes standing in for a runtime's command line:
// what is under test here is the harness (steps, servers, limits, ports), not a runtime.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { drive, type CommandFor } from '../src/driver.ts';
import type { Script } from '../src/script.ts';

const scratch = mkdtempSync(join(tmpdir(), 'driver-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const artifact = join(scratch, 'artifact.wasm');
writeFileSync(artifact, 'not really wasm: the stand-in process ignores it');
let n = 0;

/** A "runtime" that runs a snippet of JavaScript, with the guest's env, args and cwd. */
const node = (code: string): CommandFor => async (run, port) => ({
  file: process.execPath,
  args: ['-e', code, run.artifact, ...(port === undefined ? [] : [String(port)]), ...run.args],
  env: run.env,
});

const go = (script: Script, command: CommandFor, extra: { timeoutMs?: number; fixtureDir?: string } = {}) =>
  drive({ script, artifact, name: 'my-guest', workDir: join(scratch, String(n++)), limits: { timeoutMs: extra.timeoutMs ?? 10_000, outputBytes: 100_000 }, command, ...(extra.fixtureDir ? { fixtureDir: extra.fixtureDir } : {}) });

const run = (args: string[] = [], env: Record<string, string> = {}, serve = false) => ({ op: 'run' as const, args, env, preopens: [], serve });

describe('harness-run HTTP servers (wasi-testsuite `servers`)', () => {
  const client = `
    const base = 'http://' + process.env.HTTP_SERVER_MAIN;
    (async () => {
      const show = async (r) => JSON.stringify({ s: r.status, b: await r.text(), h: Object.fromEntries([...r.headers].filter(([k]) => k.startsWith('x-'))) });
      console.log(await show(await fetch(base + '/static')));
      console.log(await show(await fetch(base + '/chunks')));
      console.log(await show(await fetch(base + '/echo', { method: 'POST', body: 'posted' })));
      console.log(await show(await fetch(base + '/headers?q=1', { headers: { 'x-multi': 'first' } })));
      console.log(await show(await fetch(base + '/nowhere')));
      try { await fetch('http://' + process.env.HTTP_SERVER_DEAD + '/'); console.log('dead answered'); } catch (e) { console.log('dead refused: ' + e.cause.code); }
      console.log('own: ' + process.env.HTTP_SERVER_OWN);
    })();`;
  test('every mode answers as specified; a closed server refuses; the guest gets each address, its own env winning', async () => {
    const script: Script = {
      servers: [
        {
          name: 'main', kind: 'listening', endpoints: [
            { method: 'GET', path: '/static', mode: 'static', response: { status: 201, headers: { 'x-kind': 'static' }, body: 'hello' } },
            { method: 'GET', path: '/chunks', mode: 'static', response: { status: 200, headers: {}, chunks: ['one', 'two', 'three'], trailers: { 'x-t': 'v' } } },
            { method: 'POST', path: '/echo', mode: 'echo-body', response: { status: 200, headers: {} } },
            { method: 'GET', path: '/headers?q=1', mode: 'echo-headers', response: { status: 200, headers: {} } },
          ],
        },
        { name: 'dead', kind: 'closed', endpoints: [] },
        { name: 'own', kind: 'closed', endpoints: [] },
      ],
      steps: [run([], { HTTP_SERVER_OWN: 'mine.invalid:1' }), { op: 'wait', exit: 0, check: 'exit' }],
    };
    const { raw } = await go(script, node(client));
    const lines = raw.stdout.trim().split('\n');
    expect(raw.harness).toEqual([{ name: 'exit', ok: true, detail: '' }]);
    expect(JSON.parse(lines[0]!)).toEqual({ s: 201, b: 'hello', h: { 'x-kind': 'static' } });
    expect(JSON.parse(lines[1]!)).toMatchObject({ s: 200, b: 'onetwothree' });
    expect(JSON.parse(lines[2]!)).toMatchObject({ s: 200, b: 'posted' });
    expect(JSON.parse(lines[3]!)).toMatchObject({ s: 200, b: '', h: { 'x-request-method': 'GET', 'x-request-path': '/headers?q=1', 'x-echo-x-multi': 'first' } });
    expect(JSON.parse(lines[4]!)).toMatchObject({ s: 404, b: '' });
    expect(lines[5]).toBe('dead refused: ECONNREFUSED');
    expect(lines[6]).toBe('own: mine.invalid:1');
  });
});

describe('steps and limits', () => {
  test('the artifact runs under the guest\'s own name (argv[0]), from the cell\'s folder', async () => {
    const { raw } = await go({ servers: [], steps: [run(), { op: 'wait' }] }, node('console.log(process.argv[1])'));
    expect(raw.stdout.trim()).toBe('my-guest.wasm');
  });

  test('a guest cannot print a harness check: the harness reports its own apart', async () => {
    const { raw } = await go({ servers: [], steps: [run(), { op: 'read', stream: 'stdout', payload: 'x', check: 'read-x' }, { op: 'wait' }] }, node("console.log('y\\nok read-x')"));
    expect(raw.harness).toEqual([{ name: 'read-x', ok: false, detail: 'stdout: expected "x", got "y"' }]);
    expect(raw.stdout).toContain('ok read-x');
  });

  test('a process still alive at the deadline of a wait is a timeout, killed', async () => {
    const t0 = performance.now();
    const { raw } = await go({ servers: [], steps: [run(), { op: 'wait' }] }, node('setInterval(() => {}, 1000)'), { timeoutMs: 800 });
    expect(raw.timedOut).toBe(true);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  test('one output cap for everything the cell starts', async () => {
    const flood = node("const s = 'x'.repeat(10000); const w = () => process.stdout.write(s, w); w();");
    const { raw } = await go({ servers: [], steps: [run(), { op: 'wait' }] }, flood);
    expect(raw.outputLimited).toBe(true);
  });

  test('a listening guest is connected to on its port, retried until it accepts; each exchange is a check', async () => {
    const echo = `
      const port = Number(process.argv[1]);
      setTimeout(() => require('net').createServer((s) => s.on('data', (d) => { s.end('echo: ' + d); process.exit(0); })).listen(port, '127.0.0.1'), 300);`;
    const script: Script = {
      servers: [],
      steps: [
        run(['${port}']),
        { op: 'connect', conn: 'c', to: 'port' },
        { op: 'send', conn: 'c', payload: 'hi' },
        { op: 'recv', conn: 'c', payload: 'echo: hi', check: 'exchange-1' },
        { op: 'wait' },
      ],
    };
    // The port reaches the guest through its args.
    const cmd: CommandFor = async (r) => ({ file: process.execPath, args: ['-e', echo, ...r.args], env: {} });
    const { raw } = await go(script, cmd);
    expect(raw.harness).toEqual([{ name: 'exchange-1', ok: true, detail: '' }]);
    expect(raw.exitCode).toBe(0);
  });

  test('a server mode is probed by connect-polling, then checked to be ours; a port held by another process fails', async () => {
    const server = `require('http').createServer((q, s) => s.end('served ' + q.url)).listen(Number(process.argv[2]), '127.0.0.1');`;
    const ok: Script = { servers: [], steps: [run([], {}, true), { op: 'request', method: 'GET', path: '/a', headers: {}, body: '', response: { status: 200, headers: {}, body: 'served /a' }, check: 'request-1' }, { op: 'stop' }] };
    expect((await go(ok, node(server))).raw.harness).toEqual([{ name: 'request-1', ok: true, detail: '' }]);

    // Another process listens on the port the runtime was given; the runtime itself never listens.
    const squatter = createServer();
    const taken: Script = { ...ok };
    const cmd: CommandFor = async (_r, port) => {
      await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', r));
      return { file: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], env: {} };
    };
    const { raw } = await go(taken, cmd);
    squatter.close();
    expect(raw.harness?.[0]).toMatchObject({ name: 'request-1', ok: false, detail: expect.stringMatching(/held by another process/) });
  });

  test('effects are checked on the host, in the cell\'s copy of the fixture', async () => {
    const fixture = join(scratch, 'fixture-src');
    mkdirSync(join(fixture, 'box'), { recursive: true });
    writeFileSync(join(fixture, 'box', 'old.txt'), 'old');
    writeFileSync(join(fixture, 'secret.txt'), 'secret');
    const writer = `const fs = require('fs'); fs.writeFileSync('fixture/box/new.txt', 'made\\n'); fs.unlinkSync('fixture/box/old.txt');`;
    const after = { exists: ['box/new.txt'], absent: ['box/old.txt'], contains: { 'box/new.txt': 'made\n' }, unchanged: ['secret.txt'] };
    const { raw } = await go({ servers: [], steps: [run(), { op: 'wait' }], after }, node(writer), { fixtureDir: fixture });
    expect(raw.harness?.every((h) => h.ok)).toBe(true);
    expect(raw.harness?.map((h) => h.name)).toEqual(['after-exists:box/new.txt', 'after-absent:box/old.txt', 'after-contains:box/new.txt', 'after-unchanged:secret.txt']);
    expect(readFileSync(join(fixture, 'box', 'old.txt'), 'utf8')).toBe('old');

    const leaker = `require('fs').writeFileSync('fixture/secret.txt', 'changed')`;
    const leaked = await go({ servers: [], steps: [run(), { op: 'wait' }], after: { exists: [], absent: [], contains: {}, unchanged: ['secret.txt'] } }, node(leaker), { fixtureDir: fixture });
    expect(leaked.raw.harness).toEqual([{ name: 'after-unchanged:secret.txt', ok: false, detail: 'secret.txt changed on the host' }]);
  });
});

describe('the deadline', () => {
  const script: Script = { servers: [], steps: [run(), { op: 'wait', exit: 0, check: 'exit' }] };
  const preparing = (ms: number, code: string): CommandFor => async (r, port) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return node(code)(r, port);
  };

  test('what the runtime prepares before its first run (a transpile, a precompile) is not the guest\'s time', async () => {
    const { raw } = await go(script, preparing(1500, 'setTimeout(() => console.log("done"), 500)'), { timeoutMs: 1000 });
    expect(raw.timedOut).toBe(false);
    expect(raw.stdout).toBe('done\n');
  });

  test('the guest\'s own time still is', async () => {
    const { raw } = await go(script, preparing(0, 'setTimeout(() => console.log("done"), 3000)'), { timeoutMs: 1000 });
    expect(raw.timedOut).toBe(true);
  });
});

describe('the peer keeps its own record (harness checks peer-saw, peer-untouched)', () => {
  const printsOnly = `console.log('ok connect'); console.log('ok echo');`;
  const talks = `
    const [host, port] = process.argv[2].split(':');
    const s = require('node:net').connect(Number(port), host, () => s.write('ping from wasi-matrix\\n'));
    s.on('data', (d) => { console.log('ok connect'); console.log('reply: ' + d); console.log(/^echo: ping from wasi-matrix \\[\\w+\\]\\n$/.test(d) ? 'ok echo' : 'not ok echo'); s.end(); });`;
  // Talks, but prints the reply it expected rather than the one it got.
  const predicts = talks.replace("'reply: ' + d", "'reply: echo: ping from wasi-matrix'");
  const connectsOnly = `
    const [host, port] = process.argv[2].split(':');
    const s = require('node:net').connect(Number(port), host, () => { console.log('ok network-off'); s.end(); });`;
  const peerScript = (peerSees?: 'nothing'): Script => ({
    servers: [], peer: 'tcp-echo', ...(peerSees ? { peerSees } : {}), steps: [run(['${peer}']), { op: 'wait' }],
  });

  test('a guest that prints the expected lines without talking to the peer fails peer-saw', async () => {
    const { raw } = await go(peerScript(), node(printsOnly));
    expect(raw.stdout).toBe('ok connect\nok echo\n');
    expect(raw.harness).toEqual([{ name: 'peer-saw', ok: false, detail: 'the peer saw no exchange' }]);
  });

  test('a guest that makes the exchange and prints the reply it got passes it', async () => {
    const { raw } = await go(peerScript(), node(talks));
    expect(raw.stdout).toMatch(/^ok connect\nreply: echo: ping from wasi-matrix \[[0-9a-f]{12}\]\n\nok echo\n$/);
    expect(raw.harness).toEqual([{ name: 'peer-saw', ok: true, detail: '' }]);
  });

  test('a guest that talks but prints a reply it predicted fails peer-saw: the nonce is missing', async () => {
    const { raw } = await go(peerScript(), node(predicts));
    expect(raw.stdout).toBe('ok connect\nreply: echo: ping from wasi-matrix\nok echo\n');
    expect(raw.harness).toEqual([{ name: 'peer-saw', ok: false, detail: expect.stringMatching(/^the peer replied 1 time\(s\), but the guest's output does not carry the nonce [0-9a-f]{12} it sent$/) }]);
  });

  test('${nonce} in what the harness sends and expects is the cell\'s nonce, the same in both', async () => {
    const echo = `process.stdin.on('data', (d) => process.stdout.write('echo: ' + d));`;
    const script: Script = { servers: [], steps: [{ ...run(), stdin: undefined } as Script['steps'][number], { op: 'write', payload: 'ping ${nonce}\n' }, { op: 'read', stream: 'stdout', payload: 'echo: ping ${nonce}\n', check: 'echoed' }, { op: 'kill', signal: 'SIGTERM' }, { op: 'stop' }] };
    const { raw } = await go(script, node(echo));
    expect(raw.harness).toEqual([{ name: 'echoed', ok: true, detail: '' }]);
    expect(raw.stdout).toMatch(/^echo: ping [0-9a-f]{12}\n$/);
  });

  test('where the network must be denied, a connection that reaches the peer fails peer-untouched', async () => {
    const { raw } = await go(peerScript('nothing'), node(connectsOnly));
    expect(raw.harness).toEqual([{ name: 'peer-untouched', ok: false, detail: 'the peer was reached 1 time(s)' }]);
    const quiet = await go(peerScript('nothing'), node(`console.log('ok network-off')`));
    expect(quiet.raw.harness).toEqual([{ name: 'peer-untouched', ok: true, detail: '' }]);
  });
});
