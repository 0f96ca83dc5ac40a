import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { tempDir } from './temp.ts';

const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');

test('a malformed matrix.yaml prints a located error, exits non-zero and writes no run file', async () => {
  const dir = tempDir('bad-matrix-');
  const bad = join(dir, 'matrix.yaml');
  writeFileSync(bad, 'targets:\n  p1: { kind: module, description: x }\nsuites: [cli]\ntoolchains: []\nruntimes:\n  - id: Wasm Time\n    source: builtin\n');
  const out = join(dir, 'runs');
  const r = await execa(tsx, ['scripts/matrix.ts', '--matrix', bad, '--out', out, '--no-provision'], { cwd: ROOT, reject: false });
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toMatch(/matrix\.yaml:4:\d+: `toolchains`: /);
  expect(r.stderr).toMatch(/matrix\.yaml:6:\d+: `runtimes\.0\.id`: lower-case/);
  expect(() => readdirSync(out)).toThrow();
});

test('an unknown flag is a usage error', async () => {
  const r = await execa(tsx, ['scripts/matrix.ts', '--runtimes=x'], { cwd: ROOT, reject: false });
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toMatch(/Unknown option '--runtimes'/);
});

test('a bad shard is a usage error', async () => {
  const r = await execa(tsx, ['scripts/matrix.ts', '--shard=3/2'], { cwd: ROOT, reject: false });
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toMatch(/--shard must be I\/N/);
});
