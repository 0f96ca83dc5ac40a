import { expect, test } from 'vitest';
import { trim } from '../src/trim.ts';

const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

test('short text is kept whole', () => {
  expect(trim('abc', 10)).toBe('abc');
});

test('head and tail are kept, with the count of what was cut', () => {
  expect(trim('a'.repeat(5) + 'b'.repeat(10) + 'c'.repeat(5), 10)).toBe(`aaaaa\n… [10 chars trimmed] …\nccccc`);
});

test.for([0, 1, 2, 3])('a cut never splits a surrogate pair (offset %i)', (offset) => {
  const text = 'x'.repeat(offset) + '😀'.repeat(3000);
  const out = trim(text, 4000);
  expect(wellFormed(out)).toBe(true);
  expect(out.length).toBeLessThan(4100);
});
