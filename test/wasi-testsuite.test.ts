import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadWasiTestsuite } from '../src/external/wasi-testsuite.ts';
import { ROOT } from '../src/paths.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import { toWtsResults } from '../src/external/wts-results.ts';
import type { Result, RunFile } from '../src/types.ts';
import { tempDir } from './temp.ts';

// A suite in WebAssembly/wasi-testsuite's format, built here from our own C probe.
const SPECS: Record<string, unknown> = {
  args: { args: ['args', 'a', 'b c'], stdout: 'a b c\n' },
  env: { args: ['env'], env: { X: '42' }, stdout: '42\n' },
  exit: { args: ['exit', '3'], exit_code: 3 },
  stderr: { args: ['stderr'], stderr: 'err\n', stdout: '' },
  root: { args: ['root'], root: 'rootfs', stdout: 'root data\n' },
  dirs: { args: ['dirs'], dirs: ['fs-tests.dir'], stdout: 'dir data\n' },
  wrong: { args: ['args', 'x'], stdout: 'y\n' },
  skipme: { args: ['args', 'z'], stdout: 'z\n' },
  unknown: { argz: [] },
  // The newer, scripted style.
  'ops-stdin': { operations: [{ type: 'run', args: ['echo'] }, { type: 'write', id: 'stdin', payload: 'hi\n' }, { type: 'read', payload: 'got hi\n' }, { type: 'write', payload: 'bye\n' }, { type: 'read', id: 'stdout', payload: 'got bye\n' }, { type: 'wait' }] },
  'ops-env': { operations: [{ type: 'run', args: ['env'], env: { X: '7' } }, { type: 'read', payload: '7\n' }, { type: 'wait', exit_code: 0 }] },
  'ops-stderr': { operations: [{ type: 'run', args: ['stderr'] }, { type: 'read', id: 'stderr', payload: 'err\n' }, { type: 'wait' }] },
  'ops-exit': { operations: [{ type: 'run', args: ['exit', '3'] }, { type: 'wait', exit_code: 3 }] },
  'ops-root': { operations: [{ type: 'run', args: ['root'], root: 'rootfs' }, { type: 'read', payload: 'root data\n' }, { type: 'wait' }] },
  'ops-dirs': { operations: [{ type: 'run', args: ['dirs'], dirs: ['fs-tests.dir'] }, { type: 'read', payload: 'dir data\n' }, { type: 'wait' }] },
  'ops-kill': { operations: [{ type: 'run', args: ['sleep'] }, { type: 'kill', signal: 'SIGKILL' }, { type: 'wait', exit_code: -9 }] },
  'ops-two-runs': { operations: [{ type: 'run', args: ['args', 'a'] }, { type: 'read', payload: 'a\n' }, { type: 'wait' }, { type: 'run', args: ['args', 'b'] }, { type: 'read', payload: 'b\n' }, { type: 'wait' }] },
  'ops-wrong': { operations: [{ type: 'run', args: ['echo'] }, { type: 'write', payload: 'hi\n' }, { type: 'read', payload: 'got bye\n' }, { type: 'wait' }] },
  'ops-left-running': { operations: [{ type: 'run', args: ['sleep'] }] },
  'ops-mixed': { args: ['args'], operations: [{ type: 'run' }, { type: 'wait' }] },
  'ops-bad-type': { operations: [{ type: 'dance' }] },
  'ops-bad-proposal': { proposals: ['threads'], operations: [{ type: 'run' }, { type: 'wait' }] },
};
const PASSING = ['args', 'env', 'exit', 'stderr', 'root', 'dirs', 'default', 'ops-stdin', 'ops-env', 'ops-stderr', 'ops-exit', 'ops-root', 'ops-dirs', 'ops-kill', 'ops-two-runs'];
const ERRORS = ['badjson', 'unknown', 'orphan', 'ops-mixed', 'ops-bad-type', 'ops-bad-proposal'];
// @wasmer/sdk places preopens under /workspace, so the layouts that need `/` or a named dir fail there.
const layoutBound = (r: Result) => ['root', 'dirs', 'ops-root', 'ops-dirs'].includes(r.case) && r.runtime === 'wasmer-js';

async function makeSuite(): Promise<string | null> {
  const clang = await execa('clang-19', ['--version'], { reject: false });
  if (clang.exitCode !== 0) return null;
  const root = tempDir('wts-');
  const dir = join(root, 'tests', 'c', 'testsuite', 'wasm32-wasip1');
  mkdirSync(join(dir, 'rootfs'), { recursive: true });
  mkdirSync(join(dir, 'fs-tests.dir'), { recursive: true });
  writeFileSync(join(dir, 'rootfs', 'data.txt'), 'root data\n');
  writeFileSync(join(dir, 'fs-tests.dir', 'data.txt'), 'dir data\n');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ name: 'WASI C fixture tests', version: 'wasm32-wasip1' }));
  const probe = join(root, 'probe.wasm');
  await execa('clang-19', ['--target=wasm32-wasi', '--sysroot=/usr', '-O2', join(ROOT, 'test', 'fixtures', 'wasi-testsuite', 'probe.c'), '-o', probe]);
  for (const [id, spec] of Object.entries(SPECS)) {
    copyFileSync(probe, join(dir, `${id}.wasm`));
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(spec));
  }
  const broken = join(root, 'tests', 'c', 'broken');
  mkdirSync(broken, { recursive: true });
  writeFileSync(join(broken, 'manifest.json'), '{ "name": ');
  copyFileSync(probe, join(dir, 'default.wasm'));
  copyFileSync(probe, join(dir, 'badjson.wasm'));
  writeFileSync(join(dir, 'badjson.json'), '{ "args": [');
  writeFileSync(join(dir, 'orphan.json'), '{}');
  return root;
}

describe('wasi-testsuite format', () => {
  let root: string | null = null;
  let results: Result[] = [];
  let run: RunFile;
  beforeAll(async () => {
    root = await makeSuite();
    if (!root) return;
    const toml = join(root, 'expectations.toml');
    writeFileSync(toml, 'version = 1\n\n[[suite]]\nname = "WASI C fixture tests"\n\n[[suite.test]]\nname = "skipme"\naction = "skip"\n\n[[suite.test]]\nname = "wrong"\nexpected = "fail"\n');
    const plan = await makePlan({
      root: ROOT,
      filters: { suite: ['external:wasi-c-fixture-tests'], runtime: ['node-wasi', 'wasmtime@49', 'wasmer-js'] },
      external: [{ format: 'wasi-testsuite', path: join(root, 'tests') }],
      wtsExpectations: [toml],
    });
    run = (await runPlan(plan, { recordDir: tempDir('wts-runs-') })).run;
    results = run.results;
  });

  test("the reference runner's expectation file: a skipped test is not run, an expected failure is xfail", (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    expect(results.filter((r) => r.case === 'skipme')).toEqual([]);
    expect(run.provenance.excluded?.filter((e) => e.key.startsWith('external:wasi-c-fixture-tests/skipme|'))).toHaveLength(3);
    for (const r of results.filter((x) => x.case === 'wrong')) expect(r.outcome).toBe('xfail');
  });

  test("results in the reference runner's JSON format, one entry per suite and runtime", (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    const wts = toWtsResults(run);
    expect(wts.results.map((r) => r.runtime.name).sort()).toEqual(['node-wasi', 'wasmer-js', 'wasmtime']);
    const w = wts.results.find((r) => r.runtime.name === 'wasmtime')!;
    expect(w.name).toBe('WASI C fixture tests');
    expect(w.runtime.version).toMatch(/^49\./);
    expect(w.tests.find((t) => t.name === 'skipme')).toMatchObject({ executed: false, outcome: 'skip' });
    expect(w.tests.find((t) => t.name === 'wrong')).toMatchObject({ executed: true, outcome: 'xfail' });
    expect(w.tests.find((t) => t.name === 'args')).toMatchObject({ executed: true, outcome: 'pass', failures: [] });
    expect(w.tests.find((t) => t.name === 'badjson')?.outcome).toBe('fail');
    expect(w.passed + w.failed + w.skipped + w.xfailed + w.xpassed).toBe(w.tests.length);
    expect(w.xfailed).toBe(1);
  });

  test('the manifest names the suite, its target and its source language', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    const { suites, problems } = loadWasiTestsuite(join(root, 'tests'));
    expect(suites.find((x) => x.name === 'WASI C fixture tests')).toMatchObject({ target: 'p1', language: 'c' });
    // An unreadable manifest is a located ERROR case of its own, never a suite that silently vanishes.
    expect(problems).toEqual([expect.stringMatching(/broken\/manifest\.json: .*JSON/)]);
    const bad = suites.find((x) => x.dir.endsWith('broken'))!;
    expect(bad.cases).toMatchObject([{ id: 'manifest', invalid: expect.stringMatching(/manifest\.json/) }]);
  });

  test('every cli key and operation works on every p1 runtime: args, env, exit_code, stdout, stderr, root, dirs, defaults; run, write, read, wait, kill', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    for (const id of PASSING) {
      const rs = results.filter((r) => r.case === id);
      expect(rs.map((r) => r.runtime).sort(), id).toEqual(['node-wasi', 'wasmer-js', 'wasmtime']);
      for (const r of rs.filter((x) => !layoutBound(x))) {
        expect(r.status, `${r.key}: ${r.reason} ${r.stderr}`).toBe('PASS');
      }
    }
  });

  test('root and dirs layouts are a real difference on @wasmer/sdk, whose files live under /workspace', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    const root_ = results.find((x) => x.case === 'root' && x.runtime === 'wasmer-js')!;
    expect(root_.status).toBe('FAIL');
    expect(root_.run?.notes.join(' ')).toContain('preopen / placed at /workspace');
    const dirs = results.find((x) => x.case === 'dirs' && x.runtime === 'wasmer-js')!;
    expect(dirs.status).toBe('FAIL');
    expect(dirs.run?.notes.join(' ')).toContain('preopen fs-tests.dir placed at /workspace/fs-tests.dir');
  });

  test('a test whose output differs fails, naming the difference', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    for (const r of results.filter((x) => x.case === 'wrong')) {
      expect(r.status).toBe('FAIL');
      expect(r.reason).toContain('stdout: stdout: expected "y\\n", got "x\\n"');
    }
  });

  test('each test gets a fresh copy of its tree: the suite itself is never written', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    expect(existsSync(join(root, 'tests', 'c', 'testsuite', 'wasm32-wasip1', 'fs-tests.dir', 'written.txt'))).toBe(false);
  });

  test('malformed specs are ERROR cells naming the file, and the rest of the suite still runs', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    const reason = (id: string) => results.find((r) => r.case === id)?.reason ?? '';
    expect(results.filter((r) => ERRORS.includes(r.case)).every((r) => r.status === 'ERROR')).toBe(true);
    expect(reason('badjson')).toMatch(/badjson\.json: .*JSON/);
    expect(reason('unknown')).toMatch(/unknown\.json: .*argz/);
    expect(reason('orphan')).toMatch(/orphan\.json: no orphan\.wasm beside it/);
    expect(reason('ops-mixed')).toMatch(/ops-mixed\.json: mixes the older keys/);
    expect(reason('ops-bad-type')).toMatch(/ops-bad-type\.json: `operations\.0\.type`/);
    expect(reason('ops-bad-proposal')).toMatch(/ops-bad-proposal\.json: `proposals\.0`/);
    expect(results.filter((r) => r.status === 'PASS').length).toBe(PASSING.length * 3 - 4);
  });

  test('a script stops at its first failing operation and names it; a process left running fails the script', (ctx) => {
    if (!root) return ctx.skip('clang-19 is not installed');
    for (const r of results.filter((x) => x.case === 'ops-wrong')) {
      expect(r.status).toBe('FAIL');
      expect(r.reason).toContain('op3-read: stdout: expected "got bye\\n", got "got hi\\n"');
      expect(r.checks.failed.map((f) => f.name)).toEqual(['op3-read', 'op4-wait', 'end']);
    }
    for (const r of results.filter((x) => x.case === 'ops-left-running')) {
      expect(r.status, r.key).toBe('FAIL');
      expect(r.reason).toContain('end: the process was still running after the last operation');
    }
  });
});

// A wasm32-wasip3 suite from our own Python guests: a wasi:http/service and a TCP echo server.
const P3_SPECS: Record<string, { guest: string; spec: unknown }> = {
  'http-service': {
    guest: 'serve',
    spec: {
      world: 'wasi:http/service', proposals: ['http'],
      operations: [
        { type: 'run' },
        { type: 'request', path: '/first', response: { headers: { 'content-type': 'text/plain' }, body: 'hello from the guest: /first' } },
        { type: 'request', method: 'GET', path: '/second?x=1', response: { status: 200, body: 'hello from the guest: /second?x=1' } },
        { type: 'kill', signal: 'SIGKILL' },
        { type: 'wait', exit_code: -9 },
      ],
    },
  },
  'http-wrong': {
    guest: 'serve',
    spec: { world: 'wasi:http/service', proposals: ['http'], operations: [{ type: 'run' }, { type: 'request', path: '/', response: { body: 'bye' } }, { type: 'kill' }, { type: 'wait' }] },
  },
  // A harness-run server (`servers`): the guest finds it through HTTP_SERVER_MAIN. Our guests
  // want a peer's reply with a nonce in brackets (as our peers send); a fixed one does here.
  'http-client': {
    guest: 'get',
    spec: {
      proposals: ['http'],
      servers: [{ name: 'main', endpoints: [{ path: '/wasi-matrix', response: 'hello from the harness: /wasi-matrix [wts]' }] }],
      operations: [{ type: 'run' }, { type: 'read', payload: 'ok status\nreply: hello from the harness: /wasi-matrix [wts]\nok body\n' }, { type: 'wait', exit_code: 0 }],
    },
  },
  'tcp-echo': {
    guest: 'tcp-server',
    spec: {
      proposals: ['sockets'],
      operations: [
        { type: 'run', args: ['0'] },
        { type: 'connect', id: 'c' },
        { type: 'send', id: 'c', payload: 'ping from the harness [wts]\n' },
        { type: 'recv', id: 'c', payload: 'echo: ping from the harness [wts]\n' },
        { type: 'read', payload: 'ok listen\nok accept\nok read-line\n' },
        { type: 'wait' },
      ],
    },
  },
};

// A served guest that makes a request of its own to a harness-run server (Rust p3: http/relay).
const RELAY_SPEC = {
  world: 'wasi:http/service', proposals: ['http'],
  servers: [{ name: 'main', endpoints: [{ path: '/relay?x=1', response: 'from the harness server' }] }],
  operations: [
    { type: 'run' },
    { type: 'request', path: '/relay?x=1', response: { status: 200, body: 'relayed 200: from the harness server' } },
    { type: 'kill', signal: 'SIGKILL' },
    { type: 'wait', exit_code: -9 },
  ],
};

describe('wasi-testsuite operations on a p3 suite: wasi:http/service requests and TCP connect/send/recv', () => {
  let results: Result[] = [];
  let why = '';
  beforeAll(async () => {
    // Our own Python p3 guests and the Rust relay, built (or taken from the cache) and run once the usual way.
    const ours = await makePlan({ root: ROOT, filters: { suite: ['http', 'sockets'], case: ['serve', 'get', 'tcp-server'], language: ['python'], target: ['p3'], runtime: ['wasmtime@49'] } });
    const relay = await makePlan({ root: ROOT, filters: { suite: ['http'], case: ['relay'], language: ['rust'], target: ['p3'], runtime: ['wasmtime@49'] } });
    const built = [...(await runPlan(ours, { recordDir: tempDir('wts-runs-') })).run.results, ...(await runPlan(relay, { recordDir: tempDir('wts-runs-') })).run.results];
    const artifact = (c: string) => built.find((r) => r.case === c && r.status === 'PASS')?.build?.artifact?.path;
    if (!artifact('serve') || !artifact('get') || !artifact('tcp-server') || !artifact('relay')) {
      why = `our Python p3 guests or the Rust p3 relay do not pass on wasmtime 49 here: ${built.map((r) => `${r.case} ${r.status} ${r.reason}`).join('; ')}`;
      return;
    }
    const tests = join(tempDir('wts3-'), 'tests');
    const suite = (language: string, specs: Record<string, { guest: string; spec: unknown }>) => {
      const dir = join(tests, language, 'testsuite', 'wasm32-wasip3');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ name: `WASI ${language} p3 fixture tests`, version: 'wasm32-wasip3' }));
      for (const [id, { guest, spec }] of Object.entries(specs)) {
        copyFileSync(artifact(guest)!, join(dir, `${id}.wasm`));
        writeFileSync(join(dir, `${id}.json`), JSON.stringify(spec));
      }
    };
    suite('python', P3_SPECS);
    suite('rust', { 'http-relay': { guest: 'relay', spec: RELAY_SPEC } });
    const plan = await makePlan({
      root: ROOT,
      filters: { suite: ['external:wasi-python-p3-fixture-tests', 'external:wasi-rust-p3-fixture-tests'], runtime: ['wasmtime@49', 'node-wasi'] },
      external: [{ format: 'wasi-testsuite', path: join(tests, '..') }],
    });
    results = (await runPlan(plan, { recordDir: tempDir('wts-runs-') })).run.results;
  }, 900_000);

  test('a served wasi:http/service answers the scripted requests, headers and bodies checked, on wasmtime serve', (ctx) => {
    if (why) return ctx.skip(why);
    const r = results.find((x) => x.case === 'http-service' && x.runtime === 'wasmtime')!;
    expect(r.status, `${r.reason} ${r.stderr}`).toBe('PASS');
    expect(r.language).toBe('python');
    expect(r.run?.argv).toContain('serve');
    expect(r.checks.passed).toBe(6);
    const wrong = results.find((x) => x.case === 'http-wrong' && x.runtime === 'wasmtime')!;
    expect(wrong.status).toBe('FAIL');
    expect(wrong.reason).toContain('op2-request: GET /: body "hello from the guest: /", want "bye"');
  });

  // A closed server's refusal is checked in test/driver.test.ts (the guest's own exit after a failed
  // request differs between wasmtime's paths: a trap or exit 1).
  test('harness-run servers: the guest reaches a listening one through HTTP_SERVER_MAIN', (ctx) => {
    if (why) return ctx.skip(why);
    const ok = results.find((x) => x.case === 'http-client' && x.runtime === 'wasmtime')!;
    expect(ok.status, `${ok.reason} ${ok.stdout} ${ok.stderr}`).toBe('PASS');
    expect(ok.run?.flags).toContain('-Shttp');
  });

  test('a served guest reaches a harness-run server through HTTP_SERVER_MAIN in its environment, on wasmtime serve', (ctx) => {
    if (why) return ctx.skip(why);
    const r = results.find((x) => x.case === 'http-relay' && x.runtime === 'wasmtime')!;
    expect(r.status, `${r.reason} ${r.stdout} ${r.stderr}`).toBe('PASS');
    expect(r.language).toBe('rust');
    expect(r.run?.argv).toContain('serve');
  });

  test('connect reads the address the guest prints, then send and recv talk to it', (ctx) => {
    if (why) return ctx.skip(why);
    const r = results.find((x) => x.case === 'tcp-echo' && x.runtime === 'wasmtime')!;
    expect(r.status, `${r.reason} ${r.stderr}`).toBe('PASS');
    expect(r.run?.flags).toContain('-Sinherit-network');
  });

  test('a runtime without WASI 0.3 or a server mode is a skip, as in the reference runner', (ctx) => {
    if (why) return ctx.skip(why);
    for (const r of results.filter((x) => x.runtime === 'node-wasi')) expect(r.status, r.key).toBe('UNSUPPORTED');
  });
});
