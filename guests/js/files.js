// File operations inside a preopened directory (argv[1]); the fixture holds
// hello.txt = "hello, fixture\n" and unlink-me.txt. What this leaves behind
// (renamed.txt = "fresh bytes", an empty created.txt, no written.txt, no
// unlink-me.txt) is checked on the host by suites/fs/files.yaml.
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { attempt, check, status } from './lib/check.js';
import { exists, open, readText, rename, stat, unlink, writeText } from './lib/fs.js';

export function main() {
  const root = getArguments()[1];
  const p = (n) => `${root}/${n}`;
  const show = (e) => JSON.stringify(e?.message ?? e);

  const [text, e1] = attempt(() => readText(p('hello.txt')));
  check(text === 'hello, fixture\n', 'read', `${JSON.stringify(text)} ${show(e1)}`);

  const [st, e2] = attempt(() => stat(p('hello.txt')));
  check(st?.type === 'regular-file' && st?.size === 15n, 'stat', `${st?.type} ${st?.size} ${show(e2)}`);

  const [back, e3] = attempt(() => (writeText(p('written.txt'), 'fresh bytes'), readText(p('written.txt'))));
  check(back === 'fresh bytes', 'write', `${JSON.stringify(back)} ${show(e3)}`);

  const [first, e4] = attempt(() => open(p('created.txt'), { create: true, exclusive: true, write: true }));
  const [, e5] = attempt(() => open(p('created.txt'), { create: true, exclusive: true, write: true }));
  check(first !== null && e5 === 'exist', 'create-exclusive', `first=${show(e4)} second=${show(e5)}`);

  const [, e6] = attempt(() => rename(p('written.txt'), p('renamed.txt')));
  const gone = !exists(p('written.txt'));
  const there = exists(p('renamed.txt'));
  check(e6 === null && gone && there, 'rename', `${show(e6)} old-gone=${gone} new-there=${there}`);

  const [, e7] = attempt(() => unlink(p('unlink-me.txt')));
  check(e7 === null && !exists(p('unlink-me.txt')), 'unlink', show(e7));
  return status();
}
