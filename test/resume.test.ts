import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { readRun } from '../src/results.ts';
import { tempDir } from './temp.ts';

// Two quick cells finish (and a p2 one is UNSUPPORTED at once), the third hangs; the runner is killed with SIGKILL; `--resume` then runs
// only the hanging cell, carries the two, and says so in the run file.
const common = ['--no-provision', '--suite=selftest', '--language=wat', '--runtime=node-wasi', '--jobs=1'];
const filters = [...common, '--case=exit-code-0,exit-code-1,hang'];

test('an interrupted run resumes from its journal, re-running only the missing cells', { timeout: 120_000 }, async () => {
  const tmp = tempDir('resume-test-');
  const out = join(tmp, 'runs');
  const builds = join(tmp, 'cache', 'builds');
  mkdirSync(builds, { recursive: true });
  // A half-made build of a dead runner, to be swept at the next start.
  mkdirSync(join(builds, '.tmp-999999999-deadbeef'));
  const env = { ...process.env, TMPDIR: tmp, WASI_MATRIX_CACHE: join(tmp, 'cache') };
  const script = ['--import', 'tsx', join(ROOT, 'scripts', 'matrix.ts')];
  const runner = spawn(process.execPath, [...script, ...filters, '--timeout=120000', `--out=${out}`], { cwd: ROOT, env, stdio: 'ignore' });
  const journalLines = () => {
    const j = existsSync(out) ? readdirSync(out).find((n) => n.endsWith('.partial.jsonl')) : undefined;
    return j ? readFileSync(join(out, j), 'utf8').split('\n').filter((l) => l.includes('"key"')) : [];
  };
  try {
    const quick = () => journalLines().filter((l) => l.includes('"case":"exit-code-')).length;
    for (const end = Date.now() + 60_000; quick() < 2 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
    expect(quick()).toBe(2);
  } finally {
    runner.kill('SIGKILL');
  }
  await new Promise((r) => runner.on('exit', r));
  const before = journalLines().map((l) => JSON.parse(l) as { key: string });
  expect(readdirSync(tmp).some((n) => n.startsWith('wasi-matrix-'))).toBe(true);

  const r = await execa(process.execPath, [...script, ...filters, '--timeout=1000', `--out=${out}`, '--resume'], { cwd: ROOT, env, reject: false });
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stderr).toMatch(new RegExp(`resume: run \\S+, ${before.length} of 4 cells already done`));
  const files = readdirSync(out);
  expect(files.filter((n) => n.endsWith('.partial.jsonl'))).toEqual([]);
  const run = readRun(join(out, files.find((n) => n.endsWith('.json'))!));
  expect(run.provenance.resumed).toEqual([{ at: expect.any(String), carried: before.length }]);
  expect(run.results.map((x) => `${x.case} ${x.target}`).sort()).toEqual(['exit-code-0 p1', 'exit-code-1 p1', 'hang p1', 'hang p2']);
  // The carried cells are the journal's, byte for byte; the hanging one ran again, under the new limit.
  for (const b of before) expect(run.results.find((x) => x.key === b.key)).toEqual(b);
  const hang = run.results.find((x) => x.case === 'hang' && x.target === 'p1')!;
  expect(before.map((b) => b.key)).not.toContain(hang.key);
  expect(hang.status).toBe('TIMEOUT');
  expect(hang.run?.timeoutMs).toBe(1000);
  // What the killed run left is gone: its scratch dir and the dead build.
  expect(readdirSync(tmp).filter((n) => n.startsWith('wasi-matrix-'))).toEqual([]);
  expect(readdirSync(builds).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
});

test('--resume without an interrupted run of the plan starts afresh, and says so', { timeout: 60_000 }, async () => {
  const out = tempDir('resume-none-');
  const r = await execa(process.execPath, ['--import', 'tsx', 'scripts/matrix.ts', ...common, '--case=exit-code-0', `--out=${out}`, '--resume'], { cwd: ROOT, reject: false });
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/resume: no interrupted run of this plan/);
  expect(readRun(join(out, readdirSync(out)[0]!)).provenance.resumed).toBeUndefined();
});
