// The cell's side of a warm host: the compiled client and its Node fallback relay the same bytes
// and exit status, pass stdin through, and report a host that is not there as the harness's fault.
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { warmCommand } from '../src/warm-host.ts';

const spec = { label: 'echo', node: process.execPath, execArgv: [], guest: join(ROOT, 'test', 'fixtures', 'warm', 'echo-guest.mjs'), perWorker: 1 };

async function clients() {
  const compiled = await warmCommand(spec, '{}');
  const socket = compiled.args.find((a) => a.endsWith('host.sock'))!;
  return { compiled: { file: compiled.file, pre: compiled.args.slice(0, -2) }, node: { file: process.execPath, pre: [join(ROOT, 'src', 'warm-host', 'client.mjs')] }, socket };
}

describe('warm host clients', () => {
  test('the compiled client is the one cells get', async () => {
    const c = await warmCommand(spec, '{}');
    expect(c.file).toMatch(/warm-client\/[0-9a-f]{64}\/client$/);
    expect(c.notes?.join('\n')).not.toMatch(/no compiled client/);
  });

  test.each(['compiled', 'node'] as const)('the %s client relays stdout, stderr, stdin and the exit status', async (which) => {
    const all = await clients();
    const { file, pre } = all[which];
    const guest = JSON.stringify({ out: 'out\n', err: 'err\n', big: 200_000, code: 7 });
    const r = await execa(file, [...pre, all.socket, guest], { input: 'from stdin', reject: false, stripFinalNewline: false });
    expect(r.exitCode).toBe(7);
    expect(r.stderr).toBe('err\n');
    expect(r.stdout).toBe(`out\n${'a'.repeat(200_000)}from stdin`);
  });

  test.each(['compiled', 'node'] as const)('the %s client says when the host is not there', async (which) => {
    const all = await clients();
    const { file, pre } = all[which];
    const r = await execa(file, [...pre, join(ROOT, 'no-such-host.sock'), '{}'], { reject: false, input: '' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^wasi-matrix warm host unreachable: /);
  });
});
