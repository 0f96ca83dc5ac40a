"""Directory operations inside a preopened directory (argv[1]); the fixture
holds listing/ with exactly a.txt, b.txt and c.txt. What this leaves behind
(made/ kept, gone/ removed, listing/ intact) is checked on the host by
suites/fs/dirs.yaml."""
import errno
import os
import sys
from check import check, status


def main():
    root = sys.argv[1]
    try:
        names, err = sorted(os.listdir(f"{root}/listing")), None
    except OSError as e:
        names, err = [], e
    check(names == ["a.txt", "b.txt", "c.txt"], "readdir", f"{names} {err}")

    made = f"{root}/made"
    try:
        os.mkdir(made)
        err = None
    except OSError as e:
        err = e
    check(err is None and os.path.isdir(made), "mkdir", f"{err}")

    gone = f"{root}/gone"
    try:
        os.mkdir(gone)
        os.rmdir(gone)
        err = None
    except OSError as e:
        err = e
    check(err is None and not os.path.exists(gone), "rmdir", f"{err}")

    try:
        os.rmdir(f"{root}/listing")
        err = None
    except OSError as e:
        err = e
    check(err is not None and err.errno == errno.ENOTEMPTY, "rmdir-nonempty-fails", f"{err}")
    return status()
