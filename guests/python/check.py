"""Sub-check reporting for Python guests: one TAP-like line per check on stdout."""
import sys

failures = 0


def check(ok, name, detail=""):
    global failures
    if ok:
        print(f"ok {name}")
    else:
        failures += 1
        print(f"not ok {name} # {detail() if callable(detail) else detail}")
    sys.stdout.flush()


def status():
    return 0 if failures == 0 else 1
