// Writes a marker line to stderr with fd_write itself, so the check is the call's own result (errno
// and bytes written); the case checks the line arrived there.
import { Checks } from "./check";
import { fd_write } from "bindings/wasi_snapshot_preview1";

const c = new Checks();
const line = String.UTF8.encode("wasi-matrix-stderr-marker\n");
const iov = memory.data(16);
store<usize>(iov, changetype<usize>(line));
store<usize>(iov, line.byteLength, sizeof<usize>());
const err = fd_write(2, iov, 1, iov + 8);
const written = load<usize>(iov + 8);
c.check(err == 0 && written == <usize>line.byteLength, "stderr-write", "fd_write errno " + err.toString() + ", " + written.toString() + " of " + line.byteLength.toString() + " bytes");
c.finish();
