// File operations inside the preopened directory named by argv[1]; the fixture holds
// hello.txt = "hello, fixture\n" and unlink-me.txt. What this leaves behind (renamed.txt =
// "fresh bytes", an empty created.txt, no written.txt, no unlink-me.txt) is checked on the
// host by suites/fs/files.yaml.
import { Checks } from "./check";
import { close, lastErr, openAt, preopen, readText, rename, stat, unlink, writeText } from "./wasi-fs";
import { errno, filetype, oflags, rights } from "bindings/wasi_snapshot_preview1";

const c = new Checks();
const dir = process.argv.length > 1 ? preopen(process.argv[1]) : -1;
if (dir < 0) {
  c.check(false, "usage", "no preopen named by argv[1]");
  process.exit(2);
}

const text = readText(dir, "hello.txt");
c.check(text != null && text == "hello, fixture\n", "read", "errno " + lastErr.toString());

const st = stat(dir, "hello.txt");
c.check(st != null && st!.filetype == filetype.REGULAR_FILE && st!.size == 15, "stat", st != null ? "size=" + st!.size.toString() : "errno " + lastErr.toString());

const wrote = writeText(dir, "written.txt", "fresh bytes");
const back = readText(dir, "written.txt");
c.check(wrote && back != null && back == "fresh bytes", "write", "wrote=" + wrote.toString() + " errno " + lastErr.toString());

const first = openAt(dir, "created.txt", oflags.CREAT | oflags.EXCL, rights.FD_WRITE);
const second = openAt(dir, "created.txt", oflags.CREAT | oflags.EXCL, rights.FD_WRITE);
const err2 = lastErr;
c.check(first >= 0 && second < 0 && err2 == errno.EXIST, "create-exclusive", "first=" + first.toString() + " second=" + second.toString() + " errno " + err2.toString());
if (first >= 0) close(first);
if (second >= 0) close(second);

const rc = rename(dir, "written.txt", "renamed.txt");
const gone = stat(dir, "written.txt") == null, there = stat(dir, "renamed.txt") != null;
c.check(rc == errno.SUCCESS && gone && there, "rename", "errno " + rc.toString() + " old-gone=" + gone.toString() + " new-there=" + there.toString());

const un = unlink(dir, "unlink-me.txt");
c.check(un == errno.SUCCESS && stat(dir, "unlink-me.txt") == null, "unlink", "errno " + un.toString());
c.finish();
