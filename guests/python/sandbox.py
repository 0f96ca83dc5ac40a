"""Paths that leave the preopened directory (argv[1]) must not open."""
import sys
from check import check, status


def opens(path):
    try:
        open(path, "rb").close()
        return True, None
    except OSError as e:
        return False, e


def main():
    root = sys.argv[1]
    ok, err = opens(f"{root}/inside.txt")
    check(ok, "inside-opens", f"{err}")
    for name, path in [
        ("escape-dotdot", f"{root}/../outside/secret.txt"),
        ("escape-absolute", "/outside/secret.txt"),
        ("escape-host-root", "/etc/passwd"),
    ]:
        check(not opens(path)[0], name, f"opened {path}")
    return status()
