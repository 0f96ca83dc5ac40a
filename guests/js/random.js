// Random bytes are not all zero and differ between calls.
import { getRandomBytes } from 'wasi:random/random@0.2.12';
import { attempt, check, status } from './lib/check.js';

const nonzero = (b) => b.some((x) => x !== 0);

export function main() {
  const [x, e1] = attempt(() => getRandomBytes(32n));
  const [y, e2] = attempt(() => getRandomBytes(32n));
  check(x?.length === 32 && y?.length === 32, 'getentropy', `${JSON.stringify(e1)} ${JSON.stringify(e2)}`);
  check(x && y && nonzero(x) && nonzero(y), 'nonzero', 'a 32-byte draw was all zero');
  check(x && y && x.some((v, i) => v !== y[i]), 'differ', 'two 32-byte draws were equal');
  const [big, e3] = attempt(() => getRandomBytes(256n));
  check(big?.length === 256 && nonzero(big), 'max-request', JSON.stringify(e3));
  return status();
}
