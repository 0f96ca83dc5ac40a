"""Sees exactly the environment declared by suites/cli/env.yaml and no other variable
(the inherit-env control adds WASI_MATRIX_HOST_SENTINEL, so a name prefix would not do)."""
import os
from check import check, status


def main():
    a, u = os.environ.get("WASI_MATRIX_A"), os.environ.get("WASI_MATRIX_UTF8")
    check(a == "one", "env-set", f"WASI_MATRIX_A={a!r}")
    check(u == "grüß", "env-utf8", f"WASI_MATRIX_UTF8={u!r}")
    extra = [k for k in os.environ if k not in ("WASI_MATRIX_A", "WASI_MATRIX_UTF8")]
    check(not extra, "env-no-leak", lambda: f"{len(os.environ)} variables, first undeclared: {extra[0][:60]}")
    return status()
