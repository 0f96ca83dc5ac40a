// Provisioning that explains itself: each step's whole output kept in the cache, its last lines printed
// on failure, a registry step tried twice, and the failure read back by inventory as the cells' reason.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { inventory } from '../src/inventory.ts';
import { loadMatrix } from '../src/matrix.ts';
import { ROOT } from '../src/paths.ts';
import { gate } from '../src/plan.ts';
import { provisionFailure } from '../src/provision-failure.ts';
import { stepId, stepLogPath } from '../src/provision-log.ts';
import { attemptsFor, provision, stepsFor, type Step } from '../src/provision.ts';
import type { Source } from '../src/types.ts';
import { privateCache, tempDir } from './temp.ts';

privateCache();

test.for([
  ['apt', 2], ['deb', 2], ['pypi', 2], ['npm-pack', 2], ['cargo', 2], ['crate', 2], ['go', 2], ['maven', 2],
  // Ours (a script, a project of ours, package.json) or nothing to fetch: a second try would fail the same way.
  ['script', 1], ['cargo-project', 1], ['npm', 1], ['path', 1], ['builtin', 1],
] as [Source['kind'], number][])('a %s step is attempted %i time(s)', ([kind, n]) => {
  expect(attemptsFor(kind)).toBe(n);
});

test('a step name becomes a file name, a long one shortened with a hash', () => {
  expect(stepId('cargo: wasmi_cli@2.0.0')).toBe('cargo-wasmi_cli@2.0.0');
  expect(stepId('go: github.com/tetratelabs/wazero/cmd/wazero@v1.9.0')).toBe('go-github.com-tetratelabs-wazero-cmd-wazero@v1.9.0');
  const long = `maven: ${Array.from({ length: 9 }, (_, i) => `org.example:artifact-${i}:1.0.0`).join(', ')}`;
  expect(stepId(long)).toMatch(/^maven-org\.example-artifact-0-1\.0\.0-.+-[0-9a-f]{12}$/);
  expect(stepId(long)).toHaveLength(93);
});

describe('a failing script step, then a fixed one', () => {
  // A script source (path from the repository root) whose tool is the wasmtime column's binary.
  let matrix: ReturnType<typeof loadMatrix>;
  let script: string;
  beforeAll(() => {
    script = join(tempDir('provision-script-'), 'build.sh');
    const file = join(tempDir('matrix-'), 'matrix.yaml');
    writeFileSync(file, `targets:\n  p2: { kind: component, description: c }\nsuites: [cli]\ntoolchains:\n  - language: c\n    source: { apt: [clang-19] }\nruntimes:\n  - id: wasmtime\n    source: { script: ${relative(ROOT, script)}, bin: wasmtime }\n`);
    matrix = loadMatrix(ROOT, file);
  });
  const step = () => stepsFor(matrix).find((s) => s.kind === 'script')!;
  const runtime = async () => [...(await inventory(ROOT, matrix, [])).runtimes.values()][0]!;

  test('keeps the whole output, prints its last lines and the log path; inventory and the gate then say why', async () => {
    // 30 numbered lines on stdout and stderr each, then the line that says what went wrong.
    writeFileSync(script, 'for i in $(seq 1 30); do echo "out $i"; echo "err $i" >&2; done\necho "error: could not reach the registry" >&2\nexit 101\n');
    const printed: string[] = [];
    const [result] = await provision([step()], (l) => printed.push(l));
    expect(result).toMatchObject({ action: 'failed', error: expect.stringMatching(/exit code 101/) });

    const log = stepLogPath(step().name);
    const text = readFileSync(log, 'utf8');
    for (let i = 1; i <= 30; i++) {
      expect(text).toContain(`out ${i}\n`);
      expect(text).toContain(`err ${i}\n`);
    }
    expect(text).toMatch(/^=== attempt 1 of 1, \S+ ===\n\$ bash \S+build\.sh \S+\n/);
    expect(text.match(/=== attempt/g)).toHaveLength(1);

    expect(printed).toContainEqual(expect.stringMatching(/: FAILED: Command failed with exit code 101: bash \S+build\.sh \S+; the log's last lines:$/));
    const tail = printed.filter((l) => l.includes(':   | ')).map((l) => l.split(':   | ')[1]);
    expect(tail).toHaveLength(20);
    expect(tail.at(-1)).toBe('error: could not reach the registry');
    expect(tail).toContain('err 30');
    expect(printed.at(-1)).toBe(`[1/1] ${step().name}: whole log: ${log}`);
    expect(printed.some((l) => l.includes('retrying'))).toBe(false);

    expect(provisionFailure(step().name)).toMatchObject({ line: 'error: could not reach the registry', log });
    const { detection, instance } = await runtime();
    expect(detection).toEqual({ available: false, reason: 'provisioning failed: error: could not reach the registry', hint: `read ${log}, then \`npm run provision\`` });
    expect(gate({ toolchain: { available: true, version: '19' }, toolchainTargets: { p2: { ok: true } }, runtimeTargets: { p2: { ok: true } }, runtime: detection, language: 'c', runtimeLabel: instance.label, target: 'p2' }))
      .toEqual({ status: 'UNAVAILABLE', reason: 'wasmtime: provisioning failed: error: could not reach the registry', kind: 'not-installed' });
  });

  test('a later success starts the log afresh and clears the failure', async () => {
    writeFileSync(script, 'mkdir -p "$1"\necho "building into $1"\nprintf \'#!/bin/sh\\necho "wasmtime-cli 99.0.0"\\n\' > "$1/wasmtime"\nchmod +x "$1/wasmtime"\n');
    const [result] = await provision([step()], () => {});
    expect(result!.action).toBe('installed');
    const text = readFileSync(stepLogPath(step().name), 'utf8');
    expect(text).toContain('building into ');
    expect(text).not.toContain('could not reach');
    expect(provisionFailure(step().name)).toBeNull();
    expect((await runtime()).detection).toMatchObject({ available: true, version: '99.0.0' });
  });
});

describe('a registry step', () => {
  /** A step as stepsFor makes them, of a registry kind, whose command fails every time. */
  const failing = (name: string, kind: Source['kind'], command: string): Step => ({
    name,
    kind,
    needed: async () => true,
    async install(log, run) {
      log('fetching');
      await run('sh', ['-c', command]);
    },
  });

  test('is tried twice, says that it retries, and keeps both attempts in its log', async () => {
    const step = failing('cargo: flaky@1.0.0', 'cargo', 'echo "downloading flaky"; echo "error: timed out" >&2; exit 101');
    const printed: string[] = [];
    const [result] = await provision([step], (l) => printed.push(l));
    expect(result!.action).toBe('failed');
    expect(printed.filter((l) => l.endsWith(': fetching'))).toHaveLength(2);
    expect(printed).toContain('[1/1] cargo: flaky@1.0.0: attempt 1 of 2 failed (Command failed with exit code 101: sh -c \'echo "downloading flaky"; echo "error: timed out" >&2; exit 101\'); a registry step, so retrying once');
    const text = readFileSync(stepLogPath(step.name), 'utf8');
    expect(text.match(/^=== attempt \d of 2/gm)).toEqual(['=== attempt 1 of 2', '=== attempt 2 of 2']);
    expect(text.match(/^error: timed out$/gm)).toHaveLength(2);
    expect(provisionFailure(step.name)!.line).toBe('error: timed out');
  });

  test('an error that is not a command\'s goes into the log too, and is the recorded line', async () => {
    const step: Step = {
      name: 'pypi: broken==1',
      kind: 'pypi',
      needed: async () => true,
      async install(_log, run) {
        await run('sh', ['-c', 'echo "pip said nothing wrong"']);
        throw new Error('the wheel has no bin/broken');
      },
    };
    await provision([step], () => {});
    const text = readFileSync(stepLogPath(step.name), 'utf8');
    expect(text.match(/^pip said nothing wrong\nerror: the wheel has no bin\/broken$/gm)).toHaveLength(2);
    expect(provisionFailure(step.name)!.line).toBe('error: the wheel has no bin/broken');
  });
});
