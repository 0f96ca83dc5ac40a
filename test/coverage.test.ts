import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { coverage, HEADLINE, missingEntries } from '../src/coverage.ts';
import { loadMatrix } from '../src/matrix.ts';
import { ROOT } from '../src/paths.ts';
import { coverageMarkdown } from '../src/report/coverage.ts';
import { locate } from '../src/sources.ts';

describe('coverage grid', () => {
  test('is read from guest sources, targets and cannot: in the repository', async () => {
    const grid = await coverage(ROOT, loadMatrix(ROOT));
    expect(grid.features).toEqual([...HEADLINE]);
    expect(grid.entries['sockets.tcp-client']!.rust!.p2).toEqual({ state: 'guest', guests: ['tcp-client'] });
    // Through the adapter a Go module could import wasi:sockets itself, and no guest does yet.
    expect(grid.entries['sockets.tcp-client']!.go!.p2).toMatchObject({ state: 'not-written', route: expect.stringMatching(/go:wasmimport/) });
    expect(grid.entries['http.outgoing']!.kotlin!.p2).toMatchObject({ state: 'not-written', route: expect.stringMatching(/@WasmImport/) });
    // No case of async runs on p1 or p2.
    expect(grid.entries['async.concurrency']!.python!.p1).toEqual({ state: 'no-case' });
    for (const m of missingEntries(grid)) expect(grid.entries[m.feature]![m.language]![m.target]!.state).toBe('missing');
  });

  test('has no headline feature left missing: every language has a guest or says why not', async () => {
    const grid = await coverage(ROOT, loadMatrix(ROOT));
    expect(missingEntries(grid)).toEqual([]);
    expect(grid.entries['threads.language']!.zig!.p1).toEqual({ state: 'guest', guests: ['spawn-join'] });
    expect(grid.entries['http.incoming']!.c!.p2).toEqual({ state: 'guest', guests: ['hello-service'] });
  });

  test('renders each cannot reason once, as a numbered note', async () => {
    const grid = await coverage(ROOT, loadMatrix(ROOT), ['threads.language']);
    const md = coverageMarkdown(grid);
    expect(md).toMatch(/^\| threads.language \|/m);
    const reason = grid.entries['threads.language']!.go!.p1;
    expect(reason?.state).toBe('cannot');
    if (reason?.state === 'cannot') expect(md.split(reason.reason).length).toBe(2);
  });

  test('rejects a feature that features.yaml does not list', async () => {
    await expect(coverage(ROOT, loadMatrix(ROOT), ['sockets.nope'])).rejects.toThrow(/sockets.nope/);
  });
});

describe('deb sources', () => {
  test('matrix.yaml names them under a toolchain also:, and they are missing until unpacked', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'matrix-')), 'matrix.yaml');
    writeFileSync(file, `targets:\n  p1: { kind: module, description: core }\nsuites: [cli]\ntoolchains:\n  - language: c\n    source: { apt: [clang-19] }\n    also: [{ deb: no-such-package, release: trixie, version: "1.0-1" }]\nruntimes:\n  - id: node-wasi\n    source: builtin\n`);
    const m = loadMatrix(ROOT, file);
    const [deb] = m.toolchainExtras.c!;
    expect(deb).toEqual({ kind: 'deb', package: 'no-such-package', release: 'trixie', version: '1.0-1' });
    expect(locate(deb!).missing).toMatch(/no-such-package=1.0-1 from Debian trixie is not unpacked/);
  });
});
