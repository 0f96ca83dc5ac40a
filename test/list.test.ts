import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { tempDir } from './temp.ts';

const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');

/** `matrix --list` on a cache of its own that holds only a timings file: anything built, installed or run would leave a trace there. */
async function list(...args: string[]) {
  const cache = tempDir('list-cache-');
  writeFileSync(join(cache, 'timings.json'), JSON.stringify({ 'cli/args|assemblyscript|p1|node-wasi': 3000 }));
  const out = join(tempDir('list-out-'), 'runs');
  const t0 = performance.now();
  const r = await execa(tsx, ['scripts/matrix.ts', '--list', '--out', out, ...args], { cwd: ROOT, reject: false, env: { WASI_MATRIX_CACHE: cache } });
  return { ...r, ms: performance.now() - t0, cache, out };
}

// AssemblyScript (an npm dependency) on node:wasi needs nothing installed, so the gates are the same on any machine.
const filters = ['--runtime=node-wasi', '--language=assemblyscript', '--case=cli/args,cli/env', '--jobs=2'];

test('--list prints the filtered cells with their gates, the counts and the estimate, and runs nothing', async () => {
  // No --no-provision: --list alone must not install.
  const r = await list(...filters);
  expect(r.exitCode).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines.slice(0, 6).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual([
    'cli/args|assemblyscript|p1|node-wasi runnable',
    'cli/args|assemblyscript|p2+adapter|node-wasi UNSUPPORTED',
    'cli/args|assemblyscript|p3|node-wasi UNSUPPORTED',
    'cli/env|assemblyscript|p1|node-wasi runnable',
    'cli/env|assemblyscript|p2+adapter|node-wasi UNSUPPORTED',
    'cli/env|assemblyscript|p3|node-wasi UNSUPPORTED',
  ]);
  expect(lines[2]).toMatch(/UNSUPPORTED {2}assemblyscript: .*preview1/);
  expect(lines.slice(7)).toEqual([
    '6 cells: 2 runnable, 4 UNSUPPORTED',
    'estimated wall time: ~3 s on 2 jobs (last run times: 6 s in all; 1 of 2 runnable cells never timed, each assumed to take the median, 3 s; builds not counted)',
  ]);
  expect(existsSync(r.out)).toBe(false);
  expect(readdirSync(r.cache)).toEqual(['timings.json']);
  // Tool detection only: no build, no guest (generous, for a loaded CI machine).
  expect(r.ms).toBeLessThan(30_000);
});

test('--list --json holds the same listing', async () => {
  const r = await list(...filters, '--json', '--no-provision');
  expect(r.exitCode).toBe(0);
  const listing = JSON.parse(r.stdout);
  expect(listing.counts).toEqual({ runnable: 2, UNSUPPORTED: 4 });
  expect(listing.estimate).toEqual({ ms: 3000, sumMs: 6000, jobs: 2, runnable: 2, untimed: 1, assumedMs: 3000 });
  expect(listing.cells[0]).toEqual({ key: 'cli/args|assemblyscript|p1|node-wasi', gate: 'runnable' });
});

test('--list with a filter that names nothing is the usual located usage error', async () => {
  const r = await list('--runtime=nope', '--no-provision');
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toMatch(/^matrix: --runtime: no runtime column matches "nope"/);
  expect(r.stdout).toBe('');
});
