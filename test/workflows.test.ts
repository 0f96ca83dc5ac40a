import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { filtersForChange } from '../src/ci/changed.ts';
import { loadMatrix, toSource } from '../src/matrix.ts';
import { ROOT } from '../src/paths.ts';
import { locate } from '../src/sources.ts';

/** actionlint as matrix.yaml provisions it: a harness tool, so its absence is a failure, not a skip. */
function actionlint(): string {
  const m = loadMatrix(ROOT);
  const source = m.harness.map((s) => toSource(s)).find((s) => s.kind === 'go' && s.bin === 'actionlint');
  if (!source) throw new Error('matrix.yaml names no actionlint under harness:');
  const where = locate(source);
  if (!where.binary) throw new Error(`actionlint is not installed: ${where.missing}`);
  return where.binary;
}

const workflows = readdirSync(join(ROOT, '.github', 'workflows')).filter((f) => /\.ya?ml$/.test(f)).map((f) => join('.github', 'workflows', f));

describe('CI workflows', () => {
  test('there is a nightly and a pull-request workflow', () => {
    expect(workflows.map((f) => f.split('/').at(-1))).toEqual(expect.arrayContaining(['nightly.yml', 'pull-request.yml']));
  });

  test.each(workflows)('actionlint passes on %s', async (file) => {
    const r = await execa(actionlint(), ['-no-color', file], { cwd: ROOT, reject: false });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  test('actionlint fails on a broken workflow (the check can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'actionlint-'));
    const file = join(dir, 'broken.yml');
    writeFileSync(file, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ matrix.nope }}\n      - uses: actions/checkout@v4\n        with: { fetch-depht: 0 }\n');
    const r = await execa(actionlint(), ['-no-color', file], { reject: false });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/matrix/);
  });
});

test('a change narrows npm test to the runtimes, languages and suites it touches', () => {
  expect(filtersForChange(['runtimes/wasmtime/adapter.ts', 'guests/go/toolchain.ts', 'guests/c/x.c', 'suites/fs/read.yaml', 'README.md'])).toEqual({
    args: ['--runtime=wasmtime', '--language=c,go', '--suite=fs'], core: false,
  });
  expect(filtersForChange(['src/runner.ts'])).toEqual({ args: [], core: true });
  expect(filtersForChange(['README.md'])).toEqual({ args: [], core: false });
});
