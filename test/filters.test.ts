import { expect, test } from 'vitest';
import { acceptsCell, featureMatches, normalizeFilters, runtimeMatches } from '../src/filters.ts';

const cell = {
  suite: 'fs', case: 'files', language: 'c', target: 'p1', variant: 'native', runtime: 'wasmtime', runtimeLabel: 'wasmtime@49.0.3', features: ['fs.read', 'fs.write'],
};

test.for([
  ['wasmtime', true],
  ['wasmtime@49', true],
  ['wasmtime@49.0', true],
  ['wasmtime@49.0.3', true],
  ['wasmtime@4', false],
  ['wasmtime@42', false],
  ['wasmer', false],
] as const)('runtime filter %s → %s', ([f, want]) => {
  expect(runtimeMatches(f, 'wasmtime', 'wasmtime@49.0.3')).toBe(want);
});

test.for([
  ['jco', false],
  ['jco+node', true],
  ['jco+node22', true],
  ['jco+node22.23.3', true],
  ['jco+node2', false],
  ['jco+node24', false],
] as const)('a hosted column is asked for by its host: %s → %s', ([f, want]) => {
  expect(runtimeMatches(f, 'jco', 'jco+node22.23.3')).toBe(want);
  expect(runtimeMatches(f, 'jco', 'jco')).toBe(f === 'jco');
});

test('feature filters match a tag and the tags below it', () => {
  expect(featureMatches('fs', ['fs.read'])).toBe(true);
  expect(featureMatches('fs.read', ['fs.read'])).toBe(true);
  expect(featureMatches('fs.re', ['fs.read'])).toBe(false);
});

test('values split on commas and repeat', () => {
  expect(normalizeFilters({ runtime: ['a,b', 'c'], language: 'c', target: undefined })).toEqual({ runtime: ['a', 'b', 'c'], language: ['c'] });
});

test('every key must accept the cell; within a key, any value', () => {
  expect(acceptsCell({}, cell)).toBe(true);
  expect(acceptsCell({ runtime: ['node-wasi', 'wasmtime'], target: ['p1'] }, cell)).toBe(true);
  expect(acceptsCell({ runtime: ['wasmtime'], target: ['p2'] }, cell)).toBe(false);
  expect(acceptsCell({ case: ['fs/files'] }, cell)).toBe(true);
  expect(acceptsCell({ feature: ['clocks'] }, cell)).toBe(false);
  const adapted = { ...cell, target: 'p2', variant: 'adapter' };
  expect(acceptsCell({ target: ['p2'] }, adapted)).toBe(true);
  expect(acceptsCell({ target: ['p2+adapter'] }, adapted)).toBe(true);
  expect(acceptsCell({ target: ['p2+adapter'] }, { ...adapted, variant: 'native' })).toBe(false);
});
