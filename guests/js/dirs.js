// Directory operations inside a preopened directory (argv[1]); the fixture
// holds listing/ with exactly a.txt, b.txt and c.txt. What this leaves behind
// (made/ kept, gone/ removed, listing/ intact) is checked on the host by
// suites/fs/dirs.yaml.
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { attempt, check, status } from './lib/check.js';
import { exists, list, mkdir, rmdir, stat } from './lib/fs.js';

export function main() {
  const root = getArguments()[1];
  const show = (e) => JSON.stringify(e?.message ?? e);

  const [names, e1] = attempt(() => list(`${root}/listing`).sort());
  check(JSON.stringify(names) === '["a.txt","b.txt","c.txt"]', 'readdir', `${JSON.stringify(names)} ${show(e1)}`);

  const made = `${root}/made`;
  const [, e2] = attempt(() => mkdir(made));
  const [st] = attempt(() => stat(made));
  check(e2 === null && st?.type === 'directory', 'mkdir', show(e2));

  const gone = `${root}/gone`;
  const [, e3] = attempt(() => (mkdir(gone), rmdir(gone)));
  check(e3 === null && !exists(gone), 'rmdir', show(e3));

  const [, e4] = attempt(() => rmdir(`${root}/listing`));
  check(e4 === 'not-empty', 'rmdir-nonempty-fails', show(e4));
  return status();
}
