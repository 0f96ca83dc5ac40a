// Paths that leave the preopened directory (argv[1]) must not open. The fixture puts
// outside/secret.txt beside the preopened directory on the host; WASI resolves every path
// against a preopen's descriptor, so each escape is tried from it.
import { Checks } from "./check";
import { close, lastErr, openAt, preopen } from "./wasi-fs";
import { rights } from "bindings/wasi_snapshot_preview1";

const c = new Checks();
const dir = process.argv.length > 1 ? preopen(process.argv[1]) : -1;
if (dir < 0) {
  c.check(false, "usage", "no preopen named by argv[1]");
  process.exit(2);
}

function opens(path: string): bool {
  const fd = openAt(dir, path, 0, rights.FD_READ);
  if (fd >= 0) close(fd);
  return fd >= 0;
}

c.check(opens("inside.txt"), "inside-opens", "errno " + lastErr.toString());
c.check(!opens("../outside/secret.txt"), "escape-dotdot", "opened ../outside/secret.txt");
c.check(!opens("/outside/secret.txt"), "escape-absolute", "opened /outside/secret.txt");
c.check(!opens("/etc/passwd"), "escape-host-root", "opened /etc/passwd");
c.finish();
