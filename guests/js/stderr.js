// Writes a marker line to stderr; the case checks it arrived there and not on stdout.
import { getStderr } from 'wasi:cli/stderr@0.2.12';
import { attempt, check, status } from './lib/check.js';

export function main() {
  const [, err] = attempt(() => getStderr().blockingWriteAndFlush(new TextEncoder().encode('wasi-matrix-stderr-marker\n')));
  check(err === null, 'stderr-write', JSON.stringify(err));
  return status();
}
