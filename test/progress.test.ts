import { afterEach, expect, test, vi } from 'vitest';
import { progress } from '../src/progress.ts';
import type { Result } from '../src/types.ts';

const ended = (key: string, runMs: number) => ({ key, durations: { buildMs: 0, runMs } }) as Result;

/** A CI log: not a terminal, every write kept. */
function log() {
  const lines: string[] = [];
  return { lines, stream: { isTTY: false, write: (s: string) => lines.push(s.trimEnd()) > 0 } as unknown as NodeJS.WritableStream };
}

afterEach(() => vi.useRealTimers());

test('a log counts only the cells that run, says what is in flight and when the run should end', () => {
  vi.useFakeTimers();
  let t = 0;
  const { lines, stream } = log();
  const keys = Array.from({ length: 10 }, (_, i) => `s/c${i}|c|p1|rt`);
  const p = progress({ keys, timings: new Map(keys.map((k) => [k, 10_000])), jobs: 2, label: 'matrix', stream, now: () => t });

  // A gated cell ends at once: neither counted nor printed.
  p.end(ended('s/gated|c|p2|rt', 0));
  expect(lines).toEqual([]);

  p.start(keys[0]!);
  p.start(keys[1]!);
  t = 4000;
  p.end(ended(keys[0]!, 4000));
  // 9 cells left of 10 s each, one of them 4 s along: (8 × 10 s + 6 s) / 2 jobs = 43 s.
  expect(lines).toEqual(['matrix: 1/10 cells run (10%, 4 s) | ETA ~43 s | running s/c1|c|p1|rt (4 s)']);

  // A long cell and nothing else ending: a line at least every 30 s anyway.
  t = 40_000;
  vi.advanceTimersByTime(1000);
  expect(lines.at(-1)).toBe('matrix: 1/10 cells run (10%, 40 s) | ETA ~40 s | running s/c1|c|p1|rt (40 s)');
  t = 50_000;
  vi.advanceTimersByTime(1000);
  expect(lines).toHaveLength(2);

  for (const k of keys.slice(1)) p.end(ended(k, 1000));
  expect(lines.at(-1)).toBe('matrix: 10/10 cells run (100%, 50 s) | done');
  expect(lines).toHaveLength(11);
  p.stop();
});

test('cells never timed are assumed to take the median of this run so far; before any, the ETA is unknown', () => {
  let t = 0;
  const { lines, stream } = log();
  const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
  const p = progress({ keys, timings: new Map(), jobs: 1, label: 'm', stream, now: () => t });
  p.start('a');
  t = 2000;
  p.end(ended('a', 2000));
  expect(lines.at(-1)).toBe('m: 1/10 cells run (10%, 2 s) | ETA ~18 s | no cell running (guests building)');
  p.stop();
  const empty = log();
  const q = progress({ keys: ['a', 'b'], timings: new Map(), jobs: 1, label: 'm', stream: empty.stream, now: () => t });
  q.end(ended('a', 0));
  expect(empty.lines[0]).toMatch(/ETA unknown/);
  q.stop();
});
