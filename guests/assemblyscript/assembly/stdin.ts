// Copies stdin to stdout with fd_read until end of file: a read that succeeds with 0 bytes, which
// the stdin-eof check requires (a failed read ends the loop too, with its errno reported).
import { Checks } from "./check";
import { fd_read } from "bindings/wasi_snapshot_preview1";

const c = new Checks();
const buf = new ArrayBuffer(256);
const iov = memory.data(16);
let total = 0;
let err: u16 = 0;
while (true) {
  store<usize>(iov, changetype<usize>(buf));
  store<usize>(iov, buf.byteLength, sizeof<usize>());
  err = fd_read(0, iov, 1, iov + 8);
  const n = <i32>load<usize>(iov + 8);
  if (err != 0 || n == 0) break;
  process.stdout.write(buf.slice(0, n));
  total += n;
}
c.check(err == 0, "stdin-eof", "fd_read errno " + err.toString() + " before end of file");
c.check(total > 0, "stdin-read", "read 0 bytes");
c.finish();
