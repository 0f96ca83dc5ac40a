// Directory operations inside the preopened directory named by argv[1]; the fixture holds
// listing/ with exactly a.txt, b.txt and c.txt. What this leaves behind (made/ kept, gone/
// removed, listing/ intact) is checked on the host by suites/fs/dirs.yaml.
import { Checks } from "./check";
import { lastErr, list, mkdir, preopen, rmdir, stat } from "./wasi-fs";
import { errno, filetype } from "bindings/wasi_snapshot_preview1";

const c = new Checks();
const dir = process.argv.length > 1 ? preopen(process.argv[1]) : -1;
if (dir < 0) {
  c.check(false, "usage", "no preopen named by argv[1]");
  process.exit(2);
}

const names = list(dir, "listing", 100);
let listed = names != null && names!.length == 3;
if (names != null) for (let i = 0; i < names!.length; i++) listed = listed && ["a.txt", "b.txt", "c.txt"].includes(names![i]);
c.check(listed, "readdir", names != null ? names!.join(",") : "errno " + lastErr.toString());

const made = mkdir(dir, "made");
const st = stat(dir, "made");
c.check(made == errno.SUCCESS && st != null && st!.filetype == filetype.DIRECTORY, "mkdir", "errno " + made.toString());

const again = mkdir(dir, "gone");
const removed = rmdir(dir, "gone");
c.check(again == errno.SUCCESS && removed == errno.SUCCESS && stat(dir, "gone") == null, "rmdir", "mkdir errno " + again.toString() + ", rmdir errno " + removed.toString());

const busy = rmdir(dir, "listing");
c.check(busy == errno.NOTEMPTY, "rmdir-nonempty-fails", "errno " + busy.toString());
c.finish();
