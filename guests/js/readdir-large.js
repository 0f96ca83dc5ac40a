// Creates more entries than one directory read returns at once, then lists
// them: the listing must neither repeat nor lose entries.
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { attempt, check, status } from './lib/check.js';
import { list, mkdir, open } from './lib/fs.js';

const COUNT = 300;

export function main() {
  const dir = `${getArguments()[1]}/many`;
  attempt(() => mkdir(dir));
  let made = 0;
  for (let i = 0; i < COUNT; i++) {
    const name = `${dir}/entry-with-a-deliberately-long-name-to-fill-buffers-${String(i).padStart(4, '0')}`;
    if (attempt(() => open(name, { create: true, write: true }))[0]) made++;
  }
  check(made === COUNT, 'create-entries', `created ${made} of ${COUNT}`);
  // Bounded: a runtime that repeats entries would otherwise never end.
  const [names, err] = attempt(() => list(dir, 10 * COUNT));
  const seen = names?.length ?? 0;
  check(seen === COUNT, 'readdir-resumes', `listed ${seen} entries, want ${COUNT} ${JSON.stringify(err)}`);
  return status();
}
