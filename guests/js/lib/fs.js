// Path resolution over wasi:filesystem preopens, as libc would do it for a C guest.
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The preopen with the longest matching prefix, and the path relative to it. */
export function resolve(path) {
  let best = null;
  for (const [descriptor, name] of getDirectories()) {
    const prefix = name.endsWith('/') ? name : `${name}/`;
    if ((path === name || path.startsWith(prefix)) && (!best || name.length > best.name.length)) {
      best = { descriptor, name, rel: path === name ? '.' : path.slice(prefix.length) };
    }
  }
  if (!best) throw new Error(`no preopen holds ${path}`);
  return best;
}

export function open(path, { create = false, exclusive = false, truncate = false, write = false, directory = false } = {}) {
  const { descriptor, rel } = resolve(path);
  return descriptor.openAt(
    { symlinkFollow: true },
    rel,
    { create, exclusive, truncate, directory },
    write ? { read: true, write: true } : { read: true },
  );
}

export function readText(path) {
  const file = open(path);
  const chunks = [];
  let offset = 0n;
  for (;;) {
    const [data, eof] = file.read(65536n, offset);
    chunks.push(data);
    offset += BigInt(data.length);
    if (eof || data.length === 0) break;
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (all.set(c, at), at + c.length), 0);
  return decoder.decode(all);
}

export function writeText(path, text) {
  const file = open(path, { create: true, truncate: true, write: true });
  file.write(encoder.encode(text), 0n);
}

export function stat(path) {
  const { descriptor, rel } = resolve(path);
  return descriptor.statAt({ symlinkFollow: true }, rel);
}

export function exists(path) {
  try {
    stat(path);
    return true;
  } catch {
    return false;
  }
}

export function mkdir(path) {
  const { descriptor, rel } = resolve(path);
  descriptor.createDirectoryAt(rel);
}

export function rmdir(path) {
  const { descriptor, rel } = resolve(path);
  descriptor.removeDirectoryAt(rel);
}

export function unlink(path) {
  const { descriptor, rel } = resolve(path);
  descriptor.unlinkFileAt(rel);
}

export function rename(from, to) {
  const a = resolve(from);
  const b = resolve(to);
  a.descriptor.renameAt(a.rel, b.descriptor, b.rel);
}

/** Every entry name, reading the directory stream to its end (bounded by `limit`). */
export function list(path, limit = Infinity) {
  const stream = open(path, { directory: true }).readDirectory();
  const names = [];
  for (let e = stream.readDirectoryEntry(); e && names.length < limit; e = stream.readDirectoryEntry()) names.push(e.name);
  return names;
}
