import { expect, test } from 'vitest';
import { parseChecks, scoreChecks } from '../src/checks.ts';

test('parses ok / not ok lines and ignores the rest', () => {
  const m = parseChecks('hello\nok one\nnot ok two # it broke: badly\n  ok indented\nok three # note\n');
  expect([...m]).toEqual([
    ['one', { ok: true, detail: '' }],
    ['two', { ok: false, detail: 'it broke: badly' }],
    ['three', { ok: true, detail: 'note' }],
  ]);
});

test('the last report of a check wins', () => {
  expect(scoreChecks('not ok a # first\nok a\n', ['a'])).toEqual({ passed: 1, total: 1, failed: [] });
});

test('no checks required and none reported is 0/0', () => {
  expect(scoreChecks('plain output\n', [])).toEqual({ passed: 0, total: 0, failed: [] });
});
