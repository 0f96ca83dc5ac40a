// Copies stdin to stdout until end of file.
import { getStdin } from 'wasi:cli/stdin@0.2.12';
import { check, out, status } from './lib/check.js';

export function main() {
  const stream = getStdin();
  let total = 0;
  let eof = false;
  let error = null;
  while (!eof && !error) {
    try {
      const chunk = stream.blockingRead(4096n);
      total += chunk.length;
      out(chunk);
    } catch (e) {
      const p = e?.payload ?? e;
      if (p?.tag === 'closed') eof = true;
      else error = p;
    }
  }
  check(eof, 'stdin-eof', `stopped after ${total} bytes: ${JSON.stringify(error)}`);
  check(total > 0, 'stdin-read', 'read 0 bytes');
  return status();
}
