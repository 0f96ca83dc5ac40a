import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { readRun } from '../src/results.ts';
import { transitions } from '../src/report/history.ts';
import { latestResults, loadRuns } from '../src/report/runs.ts';
import { storeRun, StoreReader } from '../src/store/compact.ts';
import type { RunFile } from '../src/types.ts';

const runsDir = join(ROOT, 'reports', 'runs');
const historyDir = join(ROOT, 'reports', 'history');
/** Every committed run, whole: the published one(s) as plain files, the older ones from the history store. */
const history = existsSync(historyDir) ? new StoreReader(historyDir) : null;
const originals: RunFile[] = [
  ...(history?.runFiles().map((f) => history.read(f)) ?? []),
  ...readdirSync(runsDir).filter((f) => f.endsWith('.json')).map((f) => readRun(join(runsDir, f))),
].sort((a, b) => a.provenance.startedAt.localeCompare(b.provenance.startedAt));

test('committed runs stored compactly read back identical, cell for cell with their evidence; shared builds are stored once', (ctx) => {
  if (originals.length < 3) return ctx.skip('fewer than three committed runs');
  const dir = mkdtempSync(join(tmpdir(), 'store-'));
  const added = originals.map((r) => storeRun(dir, r));
  const reader = new StoreReader(dir);
  for (const [i, original] of originals.entries()) {
    const back = reader.read(added[i]!.file);
    expect(back.provenance).toEqual(original.provenance);
    expect(back.results).toEqual(original.results);
    expect(back.sources ?? {}).toEqual(original.sources ?? {});
  }
  // Runs reuse builds of earlier ones: the history stores far fewer build blobs than its runs reference.
  // (Summed over the runs: one run after a long gap may share nothing with those before it.)
  const referenced = originals.reduce((n, o) => n + new Set(o.results.flatMap((r) => (r.build ? [r.build.cacheKey] : []))).size, 0);
  expect(added.reduce((n, a) => n + a.newBuilds, 0)).toBeLessThan(referenced / 2);
  const plain = originals.reduce((n, r) => n + JSON.stringify(r, null, 1).length, 0);
  expect(added.reduce((n, a) => n + a.newBytes, 0)).toBeLessThan(plain / 10);
  // A folder mixing plain and stored runs loads both, oldest first.
  expect(loadRuns(dir).map((r) => r.provenance.runId)).toEqual(originals.map((r) => r.provenance.runId));
  // Read lazily, a run holds its verdicts only; the shown results get their evidence back whole.
  const lazy = loadRuns(dir, { lazy: true });
  expect(lazy.at(-1)!.results.every((r) => r.stdout === undefined && typeof r.status === 'string')).toBe(true);
  const plainRuns = originals;
  expect(latestResults(lazy)).toEqual(latestResults(plainRuns));
  expect(transitions(lazy)).toEqual(transitions(plainRuns));
});
