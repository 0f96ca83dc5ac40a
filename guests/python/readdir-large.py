"""Creates more entries than one readdir buffer holds, then lists them: the
listing must resume from its cookie and neither repeat nor lose entries."""
import itertools
import os
import sys
from check import check, status

COUNT = 300


def main():
    d = f"{sys.argv[1]}/many"
    os.makedirs(d, exist_ok=True)
    made = 0
    for i in range(COUNT):
        try:
            open(f"{d}/entry-with-a-deliberately-long-name-to-fill-buffers-{i:04d}", "w").close()
            made += 1
        except OSError:
            pass
    check(made == COUNT, "create-entries", f"created {made} of {COUNT}")
    # Bounded: a runtime that ignores cookies would otherwise repeat forever.
    with os.scandir(d) as it:
        seen = sum(1 for _ in itertools.islice(it, 10 * COUNT))
    check(seen == COUNT, "readdir-resumes", f"listed {seen} entries, want {COUNT}")
    return status()
