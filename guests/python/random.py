"""Random bytes are not all zero and differ between calls."""
import os
from check import check, status


def main():
    try:
        x, y, err = os.urandom(32), os.urandom(32), None
    except OSError as e:
        x, y, err = bytes(32), bytes(32), e
    check(err is None, "getentropy", f"{err}")
    check(any(x) and any(y), "nonzero", "a 32-byte draw was all zero")
    check(x != y, "differ", "two 32-byte draws were equal")
    try:
        big, err = os.urandom(256), None
    except OSError as e:
        big, err = bytes(256), e
    check(err is None and any(big), "max-request", f"{err}")
    return status()
