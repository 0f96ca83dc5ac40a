// Receives the arguments declared by suites/cli/args.yaml and compares them.
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { check, status } from './lib/check.js';

export function main() {
  const a = getArguments();
  const at = (i) => a[i] ?? '(none)';
  check(a.length === 4, 'argc', `argc=${a.length}, want 4`);
  check(a.length > 0 && a[0] !== '', 'argv0-present', 'argv[0] empty');
  check(at(1) === 'alpha', 'argv-plain', `argv[1]=${at(1)}`);
  check(at(2) === 'beta gamma', 'argv-space', `argv[2]=${at(2)}`);
  check(at(3) === 'ünicøde', 'argv-utf8', `argv[3]=${at(3)}`);
  return status();
}
