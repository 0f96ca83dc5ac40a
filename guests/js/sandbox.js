// Paths that leave the preopened directory (argv[1]) must not open.
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { attempt, check, status } from './lib/check.js';
import { open } from './lib/fs.js';

export function main() {
  const root = getArguments()[1];
  const [, err] = attempt(() => open(`${root}/inside.txt`));
  check(err === null, 'inside-opens', JSON.stringify(err?.message ?? err));
  for (const [name, path] of [
    ['escape-dotdot', `${root}/../outside/secret.txt`],
    ['escape-absolute', '/outside/secret.txt'],
    ['escape-host-root', '/etc/passwd'],
  ]) {
    check(attempt(() => open(path))[0] === null, name, `opened ${path}`);
  }
  return status();
}
