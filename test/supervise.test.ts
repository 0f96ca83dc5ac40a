import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';

// A runner killed mid-cell must leave no runtime process behind. Each runner gets its own TMPDIR,
// so every process of that run (the runtime works in a scratch dir under it) is found by its cwd.
const base = mkdtempSync(join(tmpdir(), 'supervise-test-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function processesUnder(dir: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/cwd`).startsWith(dir)) found.push(Number(name));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}

async function until(what: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (what()) return true;
  return what();
}

describe('a runner killed mid-cell leaves no runtime process behind', () => {
  // node:wasi runs the guest itself; jco runs it in a warm host (a detached Node the runner started,
  // working in its socket's folder under the run's TMPDIR).
  const runs = [
    ['SIGKILL', 'node-wasi', 'wat'], ['SIGTERM', 'node-wasi', 'wat'], ['SIGINT', 'node-wasi', 'wat'], ['SIGKILL', 'jco', 'c'],
  ] as const;
  test.for(runs)('%s, a guest hanging on %s', { timeout: 90_000 }, async ([signal, runtime, language]) => {
    const tmp = mkdtempSync(join(base, `${signal}-`));
    const runner = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'matrix.ts'), '--no-provision', '--suite=selftest', '--case=hang', `--language=${language}`,
        `--runtime=${runtime}`, '--timeout=120000', `--out=${join(tmp, 'runs')}`],
      { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' },
    );
    const exited = new Promise<void>((r) => runner.on('exit', () => r()));
    try {
      // The hanging guest is running once a process works under the run's scratch dir.
      expect(await until(() => processesUnder(join(tmp, 'wasi-matrix-')).length > 0 || runner.exitCode !== null, 60_000)).toBe(true);
      expect(runner.exitCode, 'the runner ended before its cell started').toBeNull();
      runner.kill(signal);
      await exited;
      expect(await until(() => processesUnder(tmp).length === 0, 5_000), `left: ${processesUnder(tmp).join(' ')}`).toBe(true);
    } finally {
      runner.kill('SIGKILL');
      // A failed check must not leave the orphans it found burning CPU.
      for (const pid of processesUnder(tmp)) {
        console.error(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
        process.kill(pid, 'SIGKILL');
      }
    }
  });
});

describe('the memory backstop', () => {
  test('a guest cap bounds the runtime process data by RLIMIT_DATA, with headroom for the runtime itself', async () => {
    const { memoryBackstop, supervised } = await import('../src/supervise.ts');
    const backstop = memoryBackstop(512 << 20);
    if (!backstop) return;
    expect(backstop.bytes).toBe((512 << 20) + (1 << 30));
    expect(supervised('/bin/true', ['x'], 512 << 20).args).toEqual(expect.arrayContaining([`--data=${backstop.bytes}`, '/bin/true', 'x']));
    expect(supervised('/bin/true', ['x']).args.some((a) => a.startsWith('--data='))).toBe(false);
  });
});
