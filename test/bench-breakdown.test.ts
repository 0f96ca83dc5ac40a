import { expect, test } from 'vitest';
import { breakdown } from '../src/bench-breakdown.ts';
import { shardCount } from '../src/shard-count.ts';
import type { Result } from '../src/types.ts';
import { result, run } from './fixtures/results.ts';

const built = (key: string, status: Result['status'], d: Result['durations'], cacheKey: string): Result => {
  const r = result(key, status, { durations: d });
  return { ...r, build: { ok: true, cacheKey, cached: false, toolchain: { language: r.language, version: '1' }, variant: 'native', tools: [], flags: [], sources: [], steps: [], log: '', durationMs: d.buildMs } };
};

test('where the time went: a shared build once, timeouts and retries apart, by runtime and language', () => {
  const b = breakdown(run('r', '2026-12-07T00:00:00Z', [
    built('cli/a|c|p1|x@1', 'PASS', { buildMs: 4000, runMs: 100, prepareMs: 2000 }, 'k1'),
    built('cli/a|c|p1|y@1', 'PASS', { buildMs: 4000, runMs: 300, retryMs: 500 }, 'k1'),
    built('cli/b|go|p1|x@1', 'TIMEOUT', { buildMs: 1000, runMs: 30000 }, 'k2'),
    result('cli/a|c|p3|x@1', 'UNSUPPORTED', { durations: { buildMs: 0, runMs: 0 } }),
  ]));
  expect(b.all).toEqual({ cells: 3, build: 5, prepare: 2, run: 0.4, retries: 0.5, timeouts: 30, total: 37.9 });
  expect(b.byRuntime.map(([k, p]) => [k, p.total])).toEqual([['x@1', 37.1], ['y@1', 0.8]]);
  expect(b.byLanguage.map(([k]) => k)).toEqual(['go', 'c']);
});

test('shards: enough that each fits the budget, with the run\'s own overheads carried over', () => {
  const r = run('r', '2026-12-07T00:00:00Z', [
    built('cli/a|c|p1|x@1', 'PASS', { buildMs: 0, runMs: 60_000 }, 'k1'),
    built('cli/b|c|p1|x@1', 'PASS', { buildMs: 0, runMs: 60_000 }, 'k2'),
  ]);
  // Σ 120 s on the run's 2 cpus in 60 s of wall: no overhead.
  const timed = { ...r, provenance: { ...r.provenance, finishedAt: '2026-12-07T00:01:00Z' } };
  expect(shardCount(timed, 2, 60_000)).toMatchObject({ shards: 1, efficiency: 1 });
  expect(shardCount(timed, 1, 60_000)).toMatchObject({ shards: 2 });
  // The same cells took twice the wall their slot time needed: the estimate doubles.
  const slow = { ...r, provenance: { ...r.provenance, finishedAt: '2026-12-07T00:02:00Z' } };
  expect(shardCount(slow, 2, 60_000)).toMatchObject({ shards: 2, efficiency: 2 });
  expect(() => shardCount(timed, 4, 30_000)).toThrow(/longer than the 30 s a shard may take/);
});
