import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { mergeRuns, readRun, RunRecorder } from '../src/results.ts';
import type { Provenance, Result, RunFile } from '../src/types.ts';
import { tempDir } from './temp.ts';

function result(key: string, status: Result['status'] = 'PASS'): Result {
  const [sc, language, target, runtimeLabel] = key.split('|') as [string, string, string, string];
  const [suite, kase] = sc.split('/') as [string, string];
  return {
    key, suite, case: kase, language, target, variant: 'native', runtime: runtimeLabel.split('@')[0]!, runtimeLabel, runtimeVersion: '1.0.0',
    toolchainVersion: '1', features: [], status, reason: '', outcome: status === 'PASS' ? 'pass' : 'unexpected',
    checks: { passed: 1, total: 1, failed: [] }, exitCode: 0, stdout: '', stderr: '', durations: { buildMs: 0, runMs: 1 },
  };
}

function prov(runId: string, startedAt: string, shard?: { index: number; count: number }): Provenance {
  return {
    runId, startedAt, finishedAt: startedAt, gitSha: 'abc', gitDirty: false,
    host: { hostname: 'h', platform: 'linux', arch: 'x64', cpus: 2, memoryBytes: 1, node: 'v20' },
    filters: {}, ...(shard ? { shard } : {}), tools: [{ id: 'wasmtime@49.0.3', kind: 'runtime', version: '49.0.3' }],
  };
}

describe('run files', () => {
  test('each result is journaled at once; close writes the run atomically and drops the journal', () => {
    const dir = tempDir('runs-');
    const rec = new RunRecorder(dir, 'r1');
    rec.add(result('cli/b|c|p1|x'));
    expect(existsSync(rec.journal)).toBe(true);
    expect(existsSync(rec.file)).toBe(false);
    rec.add(result('cli/a|c|p1|x'));
    rec.close(prov('r1', '2026-01-01T00:00:00Z'));
    expect(readdirSync(dir)).toEqual(['r1.json']);
    const run = readRun(rec.file);
    expect(run.results.map((r) => r.key)).toEqual(['cli/a|c|p1|x', 'cli/b|c|p1|x']);
  });

  test('shards merge by union into the same results as one unsharded run', () => {
    const all = ['cli/a|c|p1|x', 'cli/b|c|p1|x', 'fs/c|c|p2|y'].map((k) => result(k));
    const one: RunFile = { schema: 'wasi-matrix/run@1', provenance: prov('one', '2026-01-01T00:00:00Z'), results: all };
    const s1: RunFile = { schema: 'wasi-matrix/run@1', provenance: prov('s1', '2026-01-01T00:00:02Z', { index: 1, count: 2 }), results: [all[2]!, all[0]!] };
    const s2: RunFile = { schema: 'wasi-matrix/run@1', provenance: prov('s2', '2026-01-01T00:00:01Z', { index: 2, count: 2 }), results: [all[1]!] };
    const merged = mergeRuns([s1, s2], 'merged');
    expect(merged.results).toEqual(one.results);
    expect(merged.provenance.startedAt).toBe('2026-01-01T00:00:01Z');
    expect(merged.provenance.shard).toBeUndefined();
    expect(merged.provenance.tools).toHaveLength(1);
  });

  test('a cell that disagrees between shards refuses to merge', () => {
    const a: RunFile = { schema: 'wasi-matrix/run@1', provenance: prov('a', 't'), results: [result('cli/a|c|p1|x', 'PASS')] };
    const b: RunFile = { schema: 'wasi-matrix/run@1', provenance: prov('b', 't'), results: [result('cli/a|c|p1|x', 'FAIL')] };
    expect(() => mergeRuns([a, b], 'm')).toThrow(/PASS in one shard and FAIL/);
  });
});
