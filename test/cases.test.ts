import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadCases } from '../src/cases.ts';
import { ROOT } from '../src/paths.ts';
import { InputError } from '../src/yaml-file.ts';
import { tempDir } from './temp.ts';

function tree(files: Record<string, string>): string {
  const root = tempDir('cases-');
  mkdirSync(join(root, 'suites', 'cli'), { recursive: true });
  writeFileSync(join(root, 'suites', 'features.yaml'), 'cli.args: arguments\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'suites', 'cli', name), text);
  return root;
}

function problems(root: string) {
  try {
    loadCases(root, ['cli'], new Set(['p1', 'p2']));
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error('expected the cases to be rejected');
}

test("the repository's suites load, each case with its suite and guest", () => {
  const cases = loadCases(ROOT, ['cli', 'fs', 'clocks', 'random', 'selftest'], new Set(['p1', 'p2', 'p3']));
  expect(cases.find((c) => c.id === 'exit-3')).toMatchObject({ suite: 'cli', guest: 'exit', expect: { exit: 3 } });
});

test('every problem in every case file is reported, each located', () => {
  const root = tree({
    'good.yaml': 'id: good\ntitle: fine\nfeatures: [cli.args]\nexpect:\n  checks: [a]\n',
    'nocheck.yaml': 'id: nocheck\ntitle: exit code only\nfeatures: [cli.args]\n',
    'regex.yaml': 'id: regex\ntitle: t\nfeatures: [cli.args]\nexpect:\n  checks: [a]\n  stdout: ["(unclosed"]\n',
    'feat.yaml': 'id: feat\ntitle: t\nfeatures:\n  - cli.args\n  - cli.argz\n',
    'target.yaml': 'id: target\ntitle: t\nfeatures: [cli.args]\ntargets: [p9]\n',
    'key.yaml': 'id: key\ntitle: t\nfeatures: [cli.args]\nexpect:\n  exit: 0\n  exitcode: 3\n',
    'name.yaml': 'id: other\ntitle: t\nfeatures: [cli.args]\n',
  });
  const ps = problems(root).map((p) => `${p.file.split('/').pop()}:${p.line} ${p.key} ${p.message}`);
  expect(ps).toEqual([
    expect.stringMatching(/^feat\.yaml:5 features\.1 not listed in suites\/features\.yaml$/),
    expect.stringMatching(/^key\.yaml:6 expect\.exitcode Unrecognized key/),
    expect.stringMatching(/^name\.yaml:1 id id "other" must match the file name$/),
    expect.stringMatching(/^nocheck\.yaml:1 expect\.checks a case needs at least one check/),
    expect.stringMatching(/^regex\.yaml:6 expect\.stdout\.0 Invalid regular expression/),
    expect.stringMatching(/^target\.yaml:4 targets\.0 not a target in matrix\.yaml$/),
  ]);
});
