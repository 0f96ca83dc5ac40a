// Copies stdin to stdout until end of file (a read of 0 bytes); a failed read aborts.
import { Checks } from "./check";

const c = new Checks();
const buf = new ArrayBuffer(256);
let total = 0;
while (true) {
  const n = process.stdin.read(buf);
  if (n <= 0) break;
  process.stdout.write(buf.slice(0, n));
  total += n;
}
c.check(true, "stdin-eof", "");
c.check(total > 0, "stdin-read", "read 0 bytes");
c.finish();
