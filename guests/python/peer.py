"""What the harness's peers answer: the text a guest expects, with the cell's nonce before its
newline (b"echo: ping [3fa94c1b2d7e]\\n"). The guest prints the reply it got, so the harness sees
the nonce only where a real exchange took place."""
import sys


def nonced(got, want):
    got, want = bytes(got), bytes(want)
    newline = want.endswith(b"\n")
    text = want[:-1] if newline else want
    if newline:
        if not got.endswith(b"\n"):
            return False
        got = got[:-1]
    return got.startswith(text + b" [") and got.endswith(b"]") and len(got) > len(text) + 3


def print_reply(got):
    print("reply: " + bytes(got).rstrip(b"\n").decode("utf-8", "replace"))
    sys.stdout.flush()
