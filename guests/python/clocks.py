"""Monotonic clock increases across a sleep; realtime is a plausible date."""
import time
from check import check, status


def main():
    a = time.monotonic_ns()
    time.sleep(0.02)
    b = time.monotonic_ns()
    check(b > a, "monotonic-increases", f"{a} then {b}")
    check(b - a >= 15_000_000, "monotonic-sleep", f"20 ms sleep advanced {b - a} ns")
    try:
        res, err = time.clock_getres(time.CLOCK_MONOTONIC), None
    except (AttributeError, OSError) as e:
        res, err = 0, e
    check(0 < res <= 0.001, "monotonic-resolution", f"res={res} s {err or ''}")
    now = time.time()
    check(1735689600 < now < 4102444800, "realtime-plausible", f"sec={now}")
    t1 = time.time_ns()
    time.sleep(0.02)
    t2 = time.time_ns()
    check(t2 > t1, "realtime-advances", f"{t1} then {t2}")
    return status()
