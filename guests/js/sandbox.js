// Escapes from the preopened directory (argv[1]), made with descriptor.open-at on a
// preopen so that they reach the runtime (lib/fs.js resolves paths as libc would and
// refuses some itself). The fixture puts outside/secret.txt beside the preopened
// sandbox/, and sandbox/link-out -> ../outside. An escape passes only on a refusal
// error: the target exists on the host, so no-entry proves nothing.
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';
import { attempt, check, out, status } from './lib/check.js';

const REFUSED = new Set(['access', 'not-permitted']);
const decoder = new TextDecoder();

/** The preopen a path falls under (longest prefix, as libc picks it) and the rest, `..` left in. */
function preopenFor(path) {
  let best = null;
  for (const [descriptor, raw] of getDirectories()) {
    const name = raw.replace(/\/+$/, '');
    const under = name === '' ? path.startsWith('/') : path === name || path.startsWith(`${name}/`);
    if (under && (!best || name.length > best.name.length)) best = { descriptor, name };
  }
  return best && { descriptor: best.descriptor, rel: path.slice(best.name.length).replace(/^\/+/, '') || '.' };
}

function openRead(descriptor, rel) {
  return attempt(() => {
    const file = descriptor.openAt({ symlinkFollow: true }, rel, {}, { read: true });
    return decoder.decode(file.read(128n, 0n)[0]);
  });
}

function escape(name, descriptor, rel) {
  const [got, err] = openRead(descriptor, rel);
  if (err === null) check(false, name, `open-at(${JSON.stringify(rel)}) opened it and read ${got.length} bytes: ${JSON.stringify(got.slice(0, 40))}`);
  // The error each runtime refuses with is worth recording, so it rides on the ok line.
  else if (REFUSED.has(err)) out(`ok ${name} # refused with ${err}\n`);
  else check(false, name, `open-at(${JSON.stringify(rel)}) failed with ${JSON.stringify(err?.message ?? err)}, not a refusal`);
}

function escapePath(name, path) {
  const at = preopenFor(path);
  if (at) escape(name, at.descriptor, at.rel);
  else check(false, name, `no preopen holds ${path}`);
}

export function main() {
  const root = getArguments()[1];
  const inside = preopenFor(`${root}/inside.txt`);
  const [got, err] = inside ? openRead(inside.descriptor, inside.rel) : [null, 'no preopen'];
  check(got === 'inside\n', 'inside-opens', `${JSON.stringify(got)} ${JSON.stringify(err?.message ?? err)}`);
  escapePath('escape-dotdot', `${root}/../outside/secret.txt`);
  escapePath('escape-symlink', `${root}/link-out/secret.txt`);
  // An absolute path handed to open-at, which takes only relative ones.
  if (inside) escape('escape-absolute', inside.descriptor, '/etc/passwd');
  else check(false, 'escape-absolute', `no preopen holds ${root}`);
  return status();
}
