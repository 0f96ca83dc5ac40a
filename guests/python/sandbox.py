"""Escapes from the preopened directory (argv[1]), made through the wasi:filesystem
bindings (descriptor.open-at on a preopen) so that they reach the runtime: Python's
open() goes through wasi-libc, which resolves the preopen itself. The fixture puts
outside/secret.txt beside the preopened sandbox/, and sandbox/link-out -> ../outside.
An escape passes only on a refusal error: the target exists on the host, so
no-entry proves nothing."""
import inspect
import re
import sys
from enum import Enum
from componentize_py_types import Err
from wit_world.imports import preopens
from check import check, status

try:  # WASI 0.3 names the interface apart from wasi:cli/types
    from wit_world.imports import wasi_filesystem_types as fs
except ImportError:
    from wit_world.imports import types as fs

P3 = inspect.iscoroutinefunction(fs.Descriptor.open_at)
REFUSED = {"access", "not-permitted"}


def code_name(e):
    """An error-code as WIT spells it: an enum case on 0.2, a variant class on 0.3."""
    if isinstance(e, Enum):
        return e.name.lower().replace("_", "-")
    return re.sub(r"(?<!^)(?=[A-Z])", "-", type(e).__name__.removeprefix("ErrorCode_")).lower()


def preopen_for(path):
    """The preopen a path falls under (longest prefix, as libc picks it) and the rest, `..` left in."""
    best = None
    for d, name in preopens.get_directories():
        name = name.rstrip("/")
        under = path.startswith("/") if name == "" else path == name or path.startswith(name + "/")
        if under and (best is None or len(name) > len(best[1])):
            best = (d, name)
    if best is None:
        return None, None
    return best[0], path[len(best[1]):].lstrip("/") or "."


async def open_read(d, rel):
    """(text read, None) or (None, error-code)."""
    try:
        f = d.open_at(fs.PathFlags.SYMLINK_FOLLOW, rel, fs.OpenFlags(0), fs.DescriptorFlags.READ)
        if P3:
            f = await f
    except Err as e:
        return None, code_name(e.value)
    if not P3:
        data, _ = f.read(128, 0)
        return data.decode(errors="replace"), None
    reader, done = f.read_via_stream(0)
    with reader:
        data = await reader.read(128)
    await done.read()
    return bytes(data).decode(errors="replace"), None


async def escape(name, d, rel):
    got, err = await open_read(d, rel)
    if err is None:
        check(False, name, f"open-at({rel!r}) opened it and read {len(got)} bytes: {got[:40]!r}")
    elif err in REFUSED:
        # The error each runtime refuses with is worth recording, so it rides on the ok line.
        print(f"ok {name} # refused with {err}")
    else:
        check(False, name, f"open-at({rel!r}) failed with {err}, not a refusal")


async def escape_path(name, path):
    d, rel = preopen_for(path)
    if d is None:
        check(False, name, f"no preopen holds {path}")
    else:
        await escape(name, d, rel)


async def run():
    root = sys.argv[1]
    d, rel = preopen_for(f"{root}/inside.txt")
    got, err = await open_read(d, rel) if d is not None else (None, "no preopen")
    check(got == "inside\n", "inside-opens", f"{got!r} {err}")
    await escape_path("escape-dotdot", f"{root}/../outside/secret.txt")
    await escape_path("escape-symlink", f"{root}/link-out/secret.txt")
    # An absolute path handed to open-at, which takes only relative ones.
    if d is None:
        check(False, "escape-absolute", f"no preopen holds {root}")
    else:
        await escape("escape-absolute", d, "/etc/passwd")
    sys.stdout.flush()
    return status()


def main():
    """p3's run is async; on p2 every call above is synchronous, so the coroutine finishes in one step."""
    coro = run()
    if P3:
        return coro
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    raise RuntimeError("a WASI 0.2 call suspended")
