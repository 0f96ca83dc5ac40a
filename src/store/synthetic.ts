import type { Result, RunFile } from '../types.ts';

/** A small deterministic generator (mulberry32), so every bench builds the same history. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Nights of history made from a real run, for the history benchmark: night i is the real run a day
 * later, with its own id, fresh run timings, a few cells flipped between PASS and FAIL (flaky or
 * changed), and a few builds redone under new cache keys (a toolchain or source changed).
 */
export function* syntheticNights(base: RunFile, nights: number, seed = 1): Generator<RunFile> {
  const rnd = random(seed);
  const t0 = Date.parse(base.provenance.startedAt);
  let state = base.results;
  for (let i = 1; i <= nights; i++) {
    const at = new Date(t0 + i * 86_400_000).toISOString();
    const runId = `${at.replace(/[:.]/g, '-')}-night${String(i).padStart(3, '0')}`;
    state = state.map((r): Result => {
      let next: Result = { ...r, durations: { ...r.durations, runMs: Math.round(r.durations.runMs * (0.8 + rnd() * 0.4)) } };
      if ((r.status === 'PASS' || r.status === 'FAIL') && rnd() < 0.005) {
        const pass = r.status !== 'PASS';
        next = {
          ...next, status: pass ? 'PASS' : 'FAIL', reason: pass ? '' : `synthetic night ${i}: check flipped`,
          checks: { passed: pass ? r.checks.total : Math.max(0, r.checks.total - 1), total: r.checks.total, failed: pass ? [] : [{ name: 'synthetic', detail: `night ${i}` }] },
        };
      }
      if (r.build && rnd() < 0.01) next = { ...next, build: { ...r.build, cacheKey: `${r.build.cacheKey.split('-n')[0]}-n${i}`, cached: false } };
      return next;
    });
    yield { schema: 'wasi-matrix/run@1', provenance: { ...base.provenance, runId, startedAt: at, finishedAt: at }, results: state, sources: base.sources ?? {} };
  }
}
