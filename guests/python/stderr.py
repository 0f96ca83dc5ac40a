"""Writes a marker line to stderr; the case checks it arrived there and not on stdout."""
import sys
from check import check, status


def main():
    try:
        sys.stderr.write("wasi-matrix-stderr-marker\n")
        sys.stderr.flush()
        err = None
    except OSError as e:
        err = e
    check(err is None, "stderr-write", f"{err}")
    return status()
