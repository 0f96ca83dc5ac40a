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

test('a check once reported not ok stays failed, whatever follows', () => {
  expect(scoreChecks('not ok a # first\nok a\n', ['a'])).toEqual({ passed: 0, total: 1, failed: [{ name: 'a', detail: 'first' }] });
});

test('no checks required and none reported is 0/0', () => {
  expect(scoreChecks('plain output\n', [])).toEqual({ passed: 0, total: 0, failed: [] });
});
