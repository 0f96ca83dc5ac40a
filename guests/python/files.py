"""File operations inside a preopened directory (argv[1]); the fixture holds
hello.txt = "hello, fixture\\n" and unlink-me.txt. What this leaves behind
(renamed.txt = "fresh bytes", an empty created.txt, no written.txt, no
unlink-me.txt) is checked on the host by suites/fs/files.yaml."""
import os
import sys
from check import check, status


def attempt(fn):
    try:
        return fn(), None
    except OSError as e:
        return None, e


def main():
    root = sys.argv[1]
    p = lambda n: f"{root}/{n}"

    text, err = attempt(lambda: open(p("hello.txt"), encoding="utf-8").read())
    check(text == "hello, fixture\n", "read", f"{text!r} {err}")

    st, err = attempt(lambda: os.stat(p("hello.txt")))
    check(st is not None and st.st_size == 15 and (st.st_mode & 0o170000) == 0o100000, "stat", f"{st} {err}")

    def write():
        with open(p("written.txt"), "w") as f:
            f.write("fresh bytes")
        return open(p("written.txt")).read()
    back, err = attempt(write)
    check(back == "fresh bytes", "write", f"{back!r} {err}")

    first, e1 = attempt(lambda: os.open(p("created.txt"), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    second, e2 = attempt(lambda: os.open(p("created.txt"), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    check(first is not None and isinstance(e2, FileExistsError), "create-exclusive", f"first={e1} second={second} {e2}")
    if first is not None:
        os.close(first)

    _, err = attempt(lambda: os.rename(p("written.txt"), p("renamed.txt")))
    gone, there = not os.path.exists(p("written.txt")), os.path.exists(p("renamed.txt"))
    check(err is None and gone and there, "rename", f"{err} old-gone={gone} new-there={there}")

    _, err = attempt(lambda: os.unlink(p("unlink-me.txt")))
    check(err is None and not os.path.exists(p("unlink-me.txt")), "unlink", f"{err}")
    return status()
