// Creates more entries than one fd_readdir buffer holds, then lists them: the listing must
// resume from its cookie; a runtime that ignores it repeats entries.
import { Checks } from "./check";
import { close, lastErr, list, mkdir, openAt, preopen } from "./wasi-fs";
import { oflags, rights } from "bindings/wasi_snapshot_preview1";

const COUNT = 300;
const c = new Checks();
const dir = process.argv.length > 1 ? preopen(process.argv[1]) : -1;
if (dir < 0) {
  c.check(false, "usage", "no preopen named by argv[1]");
  process.exit(2);
}

mkdir(dir, "many");
let made = 0;
for (let i = 0; i < COUNT; i++) {
  const fd = openAt(dir, "many/entry-with-a-deliberately-long-name-to-fill-buffers-" + i.toString().padStart(4, "0"), oflags.CREAT, rights.FD_WRITE);
  if (fd >= 0) {
    made++;
    close(fd);
  }
}
c.check(made == COUNT, "create-entries", "created " + made.toString() + " of " + COUNT.toString());
// Bounded: a runtime that ignores cookies would otherwise loop forever.
const names = list(dir, "many", 10 * COUNT);
const seen = names != null ? names!.length : 0;
c.check(seen == COUNT, "readdir-resumes", "listed " + seen.toString() + " entries, want " + COUNT.toString() + " errno " + lastErr.toString());
c.finish();
