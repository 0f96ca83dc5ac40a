// Files through WASI preview1 itself: the shim gives AssemblyScript no file API, so guests call
// the bindings it ships (as the wasi-testsuite's own AssemblyScript tests do).
import {
  errno, fd_close, fd_prestat_dir_name, fd_prestat_get, fd_read, fd_readdir, fd_write, filestat, iovec,
  lookupflags, oflags, path_create_directory, path_filestat_get, path_open, path_remove_directory,
  path_rename, path_unlink_file, prestat, prestat_dir, rights,
} from "bindings/wasi_snapshot_preview1";

const scratch = memory.data(64);

function utf8(s: string): ArrayBuffer {
  return String.UTF8.encode(s, false);
}

/** The descriptor of the preopened directory with this name, or -1. */
export function preopen(name: string): i32 {
  for (let fd: u32 = 3; fd < 64; fd++) {
    if (fd_prestat_get(fd, changetype<prestat>(scratch)) != errno.SUCCESS) return -1;
    const len = changetype<prestat_dir>(scratch).name_len;
    const buf = new ArrayBuffer(<i32>len);
    if (fd_prestat_dir_name(fd, changetype<usize>(buf), len) != errno.SUCCESS) continue;
    if (String.UTF8.decode(buf) == name) return <i32>fd;
  }
  return -1;
}

/** The last call's errno, for the checks' details. */
export let lastErr: errno = 0;

/** Opens `path` under `dir`: the descriptor, or -1 with lastErr set. */
export function openAt(dir: i32, path: string, open: oflags, base: rights): i32 {
  const p = utf8(path);
  lastErr = path_open(<u32>dir, 0, changetype<usize>(p), p.byteLength, open, base, 0, 0, scratch);
  return lastErr == errno.SUCCESS ? load<i32>(scratch) : -1;
}

export function readText(dir: i32, path: string): string | null {
  const fd = openAt(dir, path, 0, rights.FD_READ);
  if (fd < 0) return null;
  let out = "";
  const buf = new ArrayBuffer(256);
  while (true) {
    store<usize>(scratch, changetype<usize>(buf));
    store<usize>(scratch, 256, sizeof<usize>());
    lastErr = fd_read(<u32>fd, scratch, 1, scratch + 16);
    const n = load<usize>(scratch, 16);
    if (lastErr != errno.SUCCESS || n == 0) break;
    out += String.UTF8.decode(buf.slice(0, <i32>n));
  }
  fd_close(<u32>fd);
  return out;
}

export function writeText(dir: i32, path: string, text: string): bool {
  const fd = openAt(dir, path, oflags.CREAT | oflags.TRUNC, rights.FD_WRITE);
  if (fd < 0) return false;
  const data = utf8(text);
  store<usize>(scratch, changetype<usize>(data));
  store<usize>(scratch, data.byteLength, sizeof<usize>());
  lastErr = fd_write(<u32>fd, scratch, 1, scratch + 16);
  const ok = lastErr == errno.SUCCESS && load<usize>(scratch, 16) == <usize>data.byteLength;
  fd_close(<u32>fd);
  return ok;
}

export function close(fd: i32): void {
  fd_close(<u32>fd);
}

/** path_filestat_get into a fresh filestat, or null with lastErr set. */
export function stat(dir: i32, path: string): filestat | null {
  const p = utf8(path);
  const st = new ArrayBuffer(offsetof<filestat>());
  lastErr = path_filestat_get(<u32>dir, lookupflags.SYMLINK_FOLLOW, changetype<usize>(p), p.byteLength, changetype<filestat>(st));
  return lastErr == errno.SUCCESS ? changetype<filestat>(st) : null;
}

export function rename(dir: i32, from: string, to: string): errno {
  const a = utf8(from), b = utf8(to);
  return (lastErr = path_rename(<u32>dir, changetype<usize>(a), a.byteLength, <u32>dir, changetype<usize>(b), b.byteLength));
}

export function unlink(dir: i32, path: string): errno {
  const p = utf8(path);
  return (lastErr = path_unlink_file(<u32>dir, changetype<usize>(p), p.byteLength));
}

export function mkdir(dir: i32, path: string): errno {
  const p = utf8(path);
  return (lastErr = path_create_directory(<u32>dir, changetype<usize>(p), p.byteLength));
}

export function rmdir(dir: i32, path: string): errno {
  const p = utf8(path);
  return (lastErr = path_remove_directory(<u32>dir, changetype<usize>(p), p.byteLength));
}

/**
 * Entry names other than . and .., read with fd_readdir 4 KiB at a time, each call resuming
 * from the cookie of the last whole entry; at most `cap` names. Null when it does not open.
 */
export function list(dir: i32, path: string, cap: i32): string[] | null {
  const fd = openAt(dir, path, oflags.DIRECTORY, rights.FD_READDIR);
  if (fd < 0) return null;
  const names = new Array<string>();
  const size: usize = 4096;
  const buf = new ArrayBuffer(<i32>size);
  const base = changetype<usize>(buf);
  let cookie: u64 = 0;
  while (names.length < cap) {
    lastErr = fd_readdir(<u32>fd, base, size, cookie, scratch);
    if (lastErr != errno.SUCCESS) break;
    const used = load<usize>(scratch);
    let at: usize = 0;
    // A dirent header is 24 bytes, its name follows; an entry cut off by the buffer's end is read again.
    while (at + 24 <= used) {
      const namlen = <usize>load<u32>(base + at, 16);
      if (at + 24 + namlen > used) break;
      const name = String.UTF8.decodeUnsafe(base + at + 24, namlen);
      if (name != "." && name != "..") names.push(name);
      cookie = load<u64>(base + at);
      at += 24 + namlen;
    }
    if (used < size) break;
  }
  fd_close(<u32>fd);
  return names;
}
