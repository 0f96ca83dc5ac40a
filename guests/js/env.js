// Sees exactly the environment declared by suites/cli/env.yaml and no other variable
// (the inherit-env control adds WASI_MATRIX_HOST_SENTINEL, so a name prefix would not do).
import { getEnvironment } from 'wasi:cli/environment@0.2.12';
import { check, status } from './lib/check.js';

export function main() {
  const env = new Map(getEnvironment());
  check(env.get('WASI_MATRIX_A') === 'one', 'env-set', `WASI_MATRIX_A=${env.get('WASI_MATRIX_A')}`);
  check(env.get('WASI_MATRIX_UTF8') === 'grüß', 'env-utf8', `WASI_MATRIX_UTF8=${env.get('WASI_MATRIX_UTF8')}`);
  const extra = [...env.keys()].filter((k) => k !== 'WASI_MATRIX_A' && k !== 'WASI_MATRIX_UTF8');
  check(extra.length === 0, 'env-no-leak', () => `${env.size} variables, first undeclared: ${extra[0].slice(0, 60)}`);
  return status();
}
