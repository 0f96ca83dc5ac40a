"""Receives the arguments declared by suites/cli/args.yaml and compares them."""
import sys
from check import check, status


def main():
    a = sys.argv
    at = lambda i: a[i] if i < len(a) else "(none)"
    check(len(a) == 4, "argc", f"argc={len(a)}, want 4")
    check(len(a) > 0 and a[0] != "", "argv0-present", "argv[0] empty")
    check(at(1) == "alpha", "argv-plain", f"argv[1]={at(1)}")
    check(at(2) == "beta gamma", "argv-space", f"argv[2]={at(2)}")
    check(at(3) == "ünicøde", "argv-utf8", f"argv[3]={at(3)}")
    return status()
