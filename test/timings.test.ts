// The run order: cells never timed first (in plan order), then the timed ones longest first, from
// the times the last runs left in the cache.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadTimings, longestFirst, saveTimings } from '../src/timings.ts';

const cells = (...keys: string[]) => keys.map((key) => ({ key }));

describe('longestFirst', () => {
  test.each([
    { name: 'nothing known: plan order', times: {}, plan: ['a', 'b', 'c'], want: ['a', 'b', 'c'] },
    { name: 'all known: longest first', times: { a: 10, b: 300, c: 40 }, plan: ['a', 'b', 'c'], want: ['b', 'c', 'a'] },
    { name: 'unknown before known', times: { a: 10, c: 40 }, plan: ['a', 'b', 'c'], want: ['b', 'c', 'a'] },
    { name: 'ties keep plan order', times: { a: 5, b: 5, c: 5 }, plan: ['c', 'a', 'b'], want: ['c', 'a', 'b'] },
  ])('$name', ({ times, plan, want }) => {
    expect(longestFirst(cells(...plan), new Map(Object.entries(times))).map((c) => c.key)).toEqual(want);
  });
});

describe('the timings file', () => {
  let before: string | undefined;
  beforeEach(() => {
    before = process.env.WASI_MATRIX_CACHE;
    process.env.WASI_MATRIX_CACHE = mkdtempSync(join(tmpdir(), 'timings-'));
  });
  afterEach(() => {
    if (before === undefined) delete process.env.WASI_MATRIX_CACHE;
    else process.env.WASI_MATRIX_CACHE = before;
  });

  test("a run's times merge into what earlier runs left", () => {
    saveTimings(new Map([['a', 10], ['b', 20]]));
    saveTimings(new Map([['b', 25], ['c', 30]]));
    expect(Object.fromEntries(loadTimings())).toEqual({ a: 10, b: 25, c: 30 });
  });

  test('an unreadable file is no order at all, not an error', () => {
    writeFileSync(join(process.env.WASI_MATRIX_CACHE!, 'timings.json'), '{not json');
    expect(loadTimings().size).toBe(0);
  });
});
