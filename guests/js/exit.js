// Exits with the status given as its first argument.
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { check } from './lib/check.js';

export function main() {
  const a = getArguments();
  check(a.length === 2, 'exit-arg', `argc=${a.length}`);
  const n = Number.parseInt(a[1] ?? '', 10);
  return Number.isNaN(n) ? 99 : n;
}
