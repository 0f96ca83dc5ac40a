import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { headJudge } from '../src/freshness.ts';
import { ROOT } from '../src/paths.ts';
import { unpublishable } from '../src/publish.ts';
import { judgeRun } from '../src/report/publication.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import type { RunFile } from '../src/types.ts';
import { tempDir } from './temp.ts';

/** A copy of what a run's inputs are read from, to edit without touching the repository. */
function copyTree(): string {
  const root = tempDir('fresh-root-');
  for (const p of ['src', 'guests', 'suites', 'runtimes', 'matrix.yaml']) cpSync(join(ROOT, p), join(root, p), { recursive: true });
  return root;
}

describe('a report marks stale exactly the cells whose inputs changed since their run', () => {
  let run: RunFile;
  const made = (async () => {
    const plan = await makePlan({ root: ROOT, filters: { suite: ['cli'], language: ['c'], runtime: ['node-wasi'] }, profile: 'default' });
    run = (await runPlan(plan, { recordDir: tempDir('fresh-run-') })).run;
  })();

  test('a run names every result\'s inputs and its harness', async (ctx) => {
    await made;
    const ran = run.results.filter((r) => r.build);
    if (!ran.length) return ctx.skip('the C toolchain or node:wasi is not installed here');
    expect(run.provenance.harness).toMatch(/^[0-9a-f]{64}$/);
    for (const r of run.results) expect(Object.keys(r.inputs ?? {}).sort()).toEqual(['case', 'guest', 'matrix', 'runtime', 'toolchain']);
    expect(judgeRun(run, headJudge(ROOT, run)).freshness.stale).toBe(0);
  }, 300_000);

  test('one guest source edited: that guest\'s cells, and no other, read "stale, re-run"', async (ctx) => {
    await made;
    const args = run.results.filter((r) => r.build?.sources.some((s) => s.path === 'guests/c/args.c'));
    if (!args.length) return ctx.skip('the C toolchain or node:wasi is not installed here');
    const root = copyTree();
    writeFileSync(join(root, 'guests/c/args.c'), `${readFileSync(join(root, 'guests/c/args.c'), 'utf8')}\n/* edited */\n`);
    const { results, freshness } = judgeRun(run, headJudge(root, run));
    const stale = results.filter((r) => r.reasonKind === 'stale');
    expect(stale.map((r) => r.key).sort()).toEqual(args.map((r) => r.key).sort());
    expect(stale.every((r) => r.status === 'UNAVAILABLE' && r.reason.startsWith('stale, re-run: guest source changed (guests/c/args.c)'))).toBe(true);
    expect(freshness.stale).toBe(args.length);
    expect(freshness.why).toEqual({ 'guest source changed': args.length });
  }, 300_000);

  test('the case file, the runtime folder or the harness edited: the cells that read them go stale', async (ctx) => {
    await made;
    if (!run.results.some((r) => r.build)) return ctx.skip('the C toolchain or node:wasi is not installed here');
    const root = copyTree();
    writeFileSync(join(root, 'suites/cli/env.yaml'), `${readFileSync(join(root, 'suites/cli/env.yaml'), 'utf8')}\n# edited\n`);
    const byCase = judgeRun(run, headJudge(root, run)).results.filter((r) => r.reasonKind === 'stale');
    expect(new Set(byCase.map((r) => r.case))).toEqual(new Set(['env']));
    writeFileSync(join(root, 'runtimes/node-wasi/adapter.ts'), `${readFileSync(join(root, 'runtimes/node-wasi/adapter.ts'), 'utf8')}\n`);
    writeFileSync(join(root, 'src/classify.ts'), `${readFileSync(join(root, 'src/classify.ts'), 'utf8')}\n`);
    const all = judgeRun(run, headJudge(root, run));
    expect(all.freshness.stale).toBe(run.results.length);
    expect(Object.keys(all.freshness.why).sort()).toEqual(['case file changed', 'harness changed: src/', 'runtime changed'].sort());
  }, 300_000);
});

test('the publish step refuses a dirty tree and names the changed files', async () => {
  const clone = tempDir('publish-clone-');
  await execa('git', ['clone', '--quiet', '--local', '--no-hardlinks', ROOT, clone]);
  expect(await unpublishable(clone)).toEqual([]);
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  writeFileSync(join(clone, 'guests/c/args.c'), '/* edited */\n', { flag: 'a' });
  writeFileSync(join(clone, 'guests/c/new.c'), 'int main(void) { return 0; }\n');
  expect(await unpublishable(clone)).toEqual(['M guests/c/args.c', '?? guests/c/new.c']);
  const r = await execa(join(ROOT, 'node_modules/.bin/tsx'), [join(clone, 'scripts/publish.ts'), '--no-provision'], { cwd: clone, reject: false, all: true });
  expect(r.exitCode).toBe(2);
  expect(r.all).toContain('uncommitted changes');
  expect(r.all).toContain('M guests/c/args.c');
  expect(r.all).toContain('?? guests/c/new.c');
  expect(r.all).not.toMatch(/\n\s+at /);
  // Refused before anything moved: reports/ (runs, history, pages) is as committed.
  expect((await execa('git', ['status', '--porcelain', '--', 'reports'], { cwd: clone })).stdout).toBe('');
}, 120_000);
