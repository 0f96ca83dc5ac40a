import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import wasmcloud, { WASH_RUNTIME } from '../runtimes/wasmcloud/adapter.ts';
import type { Invocation, Located, RawOutcome } from '../src/types.ts';

const where: Located = { source: { kind: 'cargo-project', project: 'runtimes/wasmcloud/host', bin: 'wasmcloud-host' }, binary: '/cache/wasmcloud-host' };
const inv = (over: Partial<Invocation> = {}): Invocation => ({
  artifact: '/w/guest.wasm', target: 'p2', args: [], env: {}, preopens: [], workDir: '/w', timeoutMs: 30_000, extraFlags: [], ...over,
});
const raw = (exitCode: number, stderr: string): RawOutcome => ({ exitCode, signal: null, timedOut: false, outputLimited: false, stdout: '', stderr, durationMs: 5 });

describe('wasmcloud adapter (wash-runtime 0.1.0 through runtimes/wasmcloud/host)', () => {
  const saved = { cache: process.env.WASI_MATRIX_CACHE, cold: process.env.WASI_MATRIX_COLD };
  let cache = '';
  beforeEach(() => {
    process.env.WASI_MATRIX_CACHE = cache = mkdtempSync(join(tmpdir(), 'wasmcloud-cache-'));
    delete process.env.WASI_MATRIX_COLD;
  });
  afterEach(() => {
    rmSync(cache, { recursive: true, force: true });
    for (const [k, v] of [['WASI_MATRIX_CACHE', saved.cache], ['WASI_MATRIX_COLD', saved.cold]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  const compileCache = () => join(cache, 'home', 'wasmcloud', 'compile-cache');

  test('loads p2 components only: p1 and p3 say why, from wash-runtime\'s source', () => {
    expect(wasmcloud.targets.p2).toEqual({ ok: true });
    expect(wasmcloud.targets.p1).toEqual({ ok: false, reason: WASH_RUNTIME.p1 });
    expect(wasmcloud.targets.p3).toMatchObject({ ok: false, reason: expect.stringMatching(/wasmtime 31.*WASI 0\.2 interfaces only/) });
  });

  test('runs a command component as the workload\'s service, env and preopens as flags, arguments noted as dropped', async () => {
    const cmd = await wasmcloud.command(inv({ env: { A: '1', B: 'x=y' }, preopens: [{ host: '/w/root', guest: '/' }], args: ['one', 'two'] }), where, '0.1.0');
    expect(cmd.file).toBe('/cache/wasmcloud-host');
    expect(cmd.args).toEqual(['run', '--compile-cache', compileCache(), '--env', 'A=1', '--env', 'B=x=y', '--dir', '/w/root::/', '/w/guest.wasm']);
    expect(cmd.notes!.join('\n')).toMatch(/arguments not passed \(2\): wash-runtime 0\.1\.0 gives a service no arguments/);
    expect(cmd.notes!.join('\n')).toMatch(/carrier component/);
    expect(cmd.memoryLimit).toBeUndefined();
  });

  test('serves a wasi:http component on the port it is given', async () => {
    const cmd = await wasmcloud.serve!(inv({ env: { K: 'v' } }), where, '0.1.0', 41234);
    expect(cmd.args).toEqual(['serve', '--addr', '127.0.0.1:41234', '--compile-cache', compileCache(), '--env', 'K=v', '/w/guest.wasm']);
  });

  test('compiles an artifact into the compile cache once, before its cells run; cold runs have no cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasmcloud-host-'));
    try {
      const calls = join(dir, 'calls');
      const host = join(dir, 'wasmcloud-host');
      writeFileSync(host, `#!/bin/sh\necho "$@" >> ${calls}\n`);
      chmodSync(host, 0o755);
      writeFileSync(join(dir, 'guest.wasm'), 'component');
      const at = { ...where, binary: host };
      const guest = inv({ artifact: 'guest.wasm', workDir: dir });
      const [run, serve] = await Promise.all([wasmcloud.command(guest, at, '0.1.0'), wasmcloud.serve!(guest, at, '0.1.0', 41234)]);
      expect(readFileSync(calls, 'utf8')).toBe(`compile --compile-cache ${compileCache()} ${join(dir, 'guest.wasm')}\n`);
      expect(run.args.slice(0, 3)).toEqual(['run', '--compile-cache', compileCache()]);
      expect(serve.args).toContain('--compile-cache');
      expect(run.notes!.join('\n')).toMatch(/compiled once in \d+ ms, loaded from wasmtime's compile cache/);
      process.env.WASI_MATRIX_COLD = '1';
      expect((await wasmcloud.command(guest, at, '0.1.0')).args).toEqual(['run', 'guest.wasm']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('http is granted already; the network cannot be', () => {
    expect(wasmcloud.needFlags!('http', '0.1.0')).toEqual([]);
    expect(wasmcloud.cannotGrant!('network', '0.1.0')).toMatch(/neither inherit_network nor a socket_addr_check/);
    expect(wasmcloud.cannotGrant!('http', '0.1.0')).toBeNull();
  });

  test('normalize: exit codes pass through; a lost status is named; traps, failed workloads and our usage errors are told apart', () => {
    expect(wasmcloud.normalize(raw(3, ''))).toEqual(raw(3, ''));
    const trap = wasmcloud.normalize(raw(70, 'wasmcloud-host: service failed: error while executing at wasm backtrace:\n    0: 0x1f2 - guest.wasm!deeper\n    1: 0x1c0 - guest.wasm!_start\nwasmcloud-host: wash-runtime reported no exit status'));
    expect(trap.trap).toBe('error while executing at wasm backtrace: guest.wasm!deeper');
    // What measured exits look like (rust p2, exit(3)): the top frame is the adapter's exit binding.
    const exited = raw(70, 'wasmcloud-host: service failed: error while executing at wasm backtrace:\n    0: 0x17bcb - <unknown>!_ZN22wasi_snapshot_preview18bindings4wasi3cli4exit4exit17hac36778c284edf64E\n    1: 0x17b41 - <unknown>!proc_exit\nwasmcloud-host: wash-runtime reported no exit status');
    expect(wasmcloud.normalize(exited)).toEqual({ ...exited, exitLost: expect.stringMatching(/wash-runtime reports no status/) });
    const link = wasmcloud.normalize(raw(70, 'wasmcloud-host: component imports instance `wasi:cli/exit@0.2.6`, but a matching implementation was not found in the linker'));
    expect(link.internalError).toMatch(/^component imports instance/);
    expect(link.trap).toBeUndefined();
    const swallowed = wasmcloud.normalize(raw(70, 'wash-runtime WARN: service did not properly execute workload_id="x"\nwasmcloud-host: service failed: service did not properly execute: component imports instance `wasi:cli/exit@0.2.12`, but a matching implementation was not found in the linker: instance export `exit-with-code` has the wrong type: function implementation is missing'));
    expect(swallowed.internalError).toMatch(/^service did not properly execute: component imports instance `wasi:cli\/exit@0\.2\.12`.*exit-with-code/);
    expect(wasmcloud.normalize(raw(2, 'wasmcloud-host: unknown option --nope')).usageError).toBe('unknown option --nope');
  });
});
