import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { makePlan } from '../src/runner.ts';
import { InputError } from '../src/yaml-file.ts';

// Every input a user can type or write that is wrong: a non-zero exit, the flag's name or
// `file:line:col`, and never a stack trace.
const dir = mkdtempSync(join(tmpdir(), 'malformed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const matrixText = readFileSync(join(ROOT, 'matrix.yaml'), 'utf8');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n');

const flagRows: [string, string[], RegExp][] = [
  ['timeout past setTimeout range', ['--timeout=2147483648'], /--timeout must be at most 3600000/],
  ['timeout zero', ['--timeout=0'], /--timeout must be a positive integer/],
  ['unknown runtime', ['--runtime=nope'], /--runtime: no runtime column matches "nope"/],
  ['unknown case', ['--case=cli/nope'], /--case: no case "cli\/nope"/],
  ['unknown target', ['--target=p9'], /--target: unknown target "p9"/],
  ['unknown suite', ['--suite=nonexistent'], /--suite: unknown suite "nonexistent"/],
  ['unknown feature', ['--feature=nope'], /--feature: no feature tag/],
  ['unknown language', ['--language=cobol'], /--language: unknown language "cobol"/],
  ['empty case', ['--case='], /--case has an empty value/],
  ['empty runtime', ['--runtime='], /--runtime has an empty value/],
  ['trailing comma', ['--runtime=wasmtime,'], /--runtime has an empty value/],
  ['filters that select nothing together', ['--suite=selftest', '--case=hang', '--language=kotlin'], /the filters select no cell/],
  ['external at a missing path', ['--external=wasi-testsuite=/nonexistent/tests'], /--external: \/nonexistent\/tests does not exist/],
  ['external at a file', ['--external', `wasi-testsuite=${join(ROOT, 'package.json')}`], /--external: .*package\.json is a file/],
  ['out at a file', ['--out', join(ROOT, 'package.json')], /--out must be a folder/],
  ['jobs not a number', ['--jobs=x'], /--jobs must be a positive integer/],
];

const fileRows: [string, string, RegExp][] = [
  ['YAML alias bomb', `${matrixText}\n${bomb}\n`, /bomb\.yaml:\d+:\d+: Excessive alias count/],
  ['duplicate key', `${matrixText}\nexclude: []\n`, /dup\.yaml:\d+:1: `exclude`: duplicate key "exclude"/],
  ['unknown suite in the matrix', matrixText.replace(/^suites: \[cli/m, 'suites: [nope, cli'), /suites\.yaml:\d+:\d+: `suites\.0`: suite "nope" has no folder suites\/nope/],
  ['timeout past setTimeout range', matrixText.replace(/timeoutMs: \d+/, 'timeoutMs: 2147483648'), /timeout\.yaml:\d+:\d+: `defaults\.timeoutMs`: Too big/],
  ['external suite at a missing path', `${matrixText.replace(/^exclude: \[\]$/m, '')}\nexternal: [{ format: wasi-testsuite, path: nowhere }]\n`, /external\.yaml:\d+:\d+: `external\.0\.path`: not a folder/],
  ['over the size cap', `${matrixText}\n#${'x'.repeat(5 << 20)}\n`, /big\.yaml:1:1: .*over the 4 MiB limit/],
  ['YAML syntax', 'targets: [p1\n', /syntax\.yaml:\d+:\d+: /],
  ['a runtime with no adapter', matrixText.replace('  - id: node-wasi\n', '  - id: node-wasy\n'), /adapter\.yaml:\d+:\d+: `runtimes\.0\.id`: no runtimes\/node-wasy\/adapter\.ts/],
  ['a language with no toolchain', matrixText.replace('  - language: c\n', '  - language: cc\n'), /toolchain\.yaml:\d+:\d+: `toolchains\.0\.language`: no guests\/cc\/toolchain\.ts/],
  ['nesting past the parser stack', `${matrixText}\nz: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /deep\.yaml:\d+:\d+: Maximum call stack size exceeded/],
];
const fileNames = ['bomb', 'dup', 'suites', 'timeout', 'external', 'big', 'syntax', 'adapter', 'toolchain', 'deep'];

async function matrix(args: string[]) {
  return execa(process.execPath, ['--import', 'tsx', 'scripts/matrix.ts', '--no-provision', `--out=${join(dir, 'runs')}`, ...args], { cwd: ROOT, reject: false });
}

describe('malformed flags: exit 2 naming the flag, no stack trace', () => {
  test.concurrent.for(flagRows)('%s', { timeout: 60_000 }, async ([, args, message]) => {
    const r = await matrix(args);
    expect(r.stderr).toMatch(message);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('malformed matrix files: exit 1 at file:line:col, no stack trace', () => {
  test.concurrent.for(fileRows.map((row, i) => [...row, fileNames[i]!] as const))('%s', { timeout: 60_000 }, async ([, text, message, name]) => {
    const r = await matrix([`--matrix=${file(`${name}.yaml`, text)}`]);
    expect(r.stderr).toMatch(message);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  test('a matrix file that does not exist', async () => {
    const r = await matrix([`--matrix=${join(dir, 'absent.yaml')}`]);
    expect(r.stderr).toMatch(/absent\.yaml:1:1: cannot read/);
    expect(r.exitCode).toBe(1);
  });
});

/** A repository of one suite `t` holding the given case files, the real guests and runtimes beside it. */
function repoWith(cases: Record<string, string>): string {
  const root = mkdtempSync(join(dir, 'repo-'));
  mkdirSync(join(root, 'suites', 't'), { recursive: true });
  writeFileSync(join(root, 'matrix.yaml'), matrixText.replace(/^suites: \[.*\]$/m, 'suites: [t]'));
  writeFileSync(join(root, 'suites', 'features.yaml'), readFileSync(join(ROOT, 'suites', 'features.yaml')));
  for (const sub of ['guests', 'runtimes']) symlinkSync(join(ROOT, sub), join(root, sub));
  for (const [name, text] of Object.entries(cases)) writeFileSync(join(root, 'suites', 't', `${name}.yaml`), text);
  return root;
}

const caseRows: [string, string, RegExp][] = [
  ['a bad stdout pattern', 'id: x\ntitle: t\nfeatures: [cli.exit]\nguest: exit\nexpect:\n  stdout: ["ok (unclosed"]\n', /x\.yaml:6:\d+: `expect\.stdout\.0`: Invalid regular expression/],
  ['a bad stdoutExcludes pattern', 'id: x\ntitle: t\nfeatures: [cli.exit]\nguest: exit\nexpect:\n  stdoutExcludes:\n    - "[z-a]"\n', /x\.yaml:7:7: `expect\.stdoutExcludes\.0`: Invalid regular expression/],
  ['a bad stderr pattern', 'id: x\ntitle: t\nfeatures: [cli.exit]\nguest: exit\nexpect: { stderr: ["*"] }\n', /x\.yaml:5:\d+: `expect\.stderr\.0`: Invalid regular expression/],
  ['a guest no language has', 'id: x\ntitle: t\nfeatures: [cli.exit]\nguest: exti\nexpect: { checks: [exit] }\n', /x\.yaml:4:1: `guest`: no language has a guest "exti"/],
  ['a timeout past setTimeout range', 'id: x\ntitle: t\nfeatures: [cli.exit]\nguest: exit\nlimits: { timeoutMs: 2147483648 }\n', /x\.yaml:5:\d+: `limits\.timeoutMs`: Too big/],
];

describe('malformed case files: every problem at file:line:col, before any cell runs', () => {
  test.for(caseRows)('%s', { timeout: 60_000 }, async ([, text, message]) => {
    const root = repoWith({ x: text });
    const error = await makePlan({ root, filters: { language: ['wat'], runtime: ['node-wasi'] } }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(message);
  });
});
