"""Copies stdin to stdout until end of file."""
import sys
from check import check, status


def main():
    try:
        data, err = sys.stdin.buffer.read(), None
    except OSError as e:
        data, err = b"", e
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    check(err is None, "stdin-eof", f"read failed: {err}")
    check(len(data) > 0, "stdin-read", "read 0 bytes")
    return status()
