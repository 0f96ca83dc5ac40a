import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { readRun } from '../src/results.ts';
import { transitions } from '../src/report/history.ts';
import { latestResults, loadRuns } from '../src/report/runs.ts';
import { storeRun, StoreReader } from '../src/store/compact.ts';

const runsDir = join(ROOT, 'reports', 'runs');
const committed = readdirSync(runsDir).filter((f) => f.endsWith('.json')).sort().map((f) => join(runsDir, f));

test('committed runs stored compactly read back identical, cell for cell with their evidence; shared builds are stored once', (ctx) => {
  if (committed.length < 2) return ctx.skip('fewer than two committed run files');
  const dir = mkdtempSync(join(tmpdir(), 'store-'));
  const added = committed.map((f) => storeRun(dir, readRun(f)));
  const reader = new StoreReader(dir);
  for (const [i, f] of committed.entries()) {
    const original = readRun(f);
    const back = reader.read(added[i]!.file);
    expect(back.provenance).toEqual(original.provenance);
    expect(back.results).toEqual(original.results);
    expect(back.sources ?? {}).toEqual(original.sources ?? {});
  }
  // Later runs reuse most builds of earlier ones: they add far fewer blobs than they reference.
  const referenced = new Set(readRun(committed.at(-3)!).results.flatMap((r) => (r.build ? [r.build.cacheKey] : []))).size;
  expect(added.at(-3)!.newBuilds).toBeLessThan(referenced);
  const plain = committed.reduce((n, f) => n + statSync(f).size, 0);
  expect(added.reduce((n, a) => n + a.newBytes, 0)).toBeLessThan(plain / 10);
  // A folder mixing plain and stored runs loads both, oldest first.
  expect(loadRuns(dir).map((r) => r.provenance.runId)).toEqual(committed.map((f) => readRun(f).provenance.runId).sort());
  // Read lazily, a run holds its verdicts only; the shown results get their evidence back whole.
  const lazy = loadRuns(dir, { lazy: true });
  expect(lazy.at(-1)!.results.every((r) => r.stdout === undefined && typeof r.status === 'string')).toBe(true);
  const plainRuns = committed.map(readRun).sort((a, b) => a.provenance.startedAt.localeCompare(b.provenance.startedAt));
  expect(latestResults(lazy)).toEqual(latestResults(plainRuns));
  expect(transitions(lazy)).toEqual(transitions(plainRuns));
});
