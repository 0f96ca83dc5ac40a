// npm run changed -- BASE_REF: the `npm test` filters for what changed since BASE_REF (pull requests).
import { execa } from 'execa';
import { filtersForChange } from '../src/ci/changed.ts';
import { parseFlags, UsageError } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { ROOT } from '../src/paths.ts';

await main('changed', async () => {
  const { values, positionals } = parseFlags(process.argv.slice(2), {});
  if (values.help) {
    console.log('Usage: npm run changed -- BASE_REF\n\nPrints the npm test filters (one line) for the files changed since BASE_REF; with only core\nchanges, a smoke set (--suite=cli). Prints nothing when no code changed.');
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give the base ref, e.g. origin/main');
  const diff = await execa('git', ['diff', '--name-only', `${positionals[0]}...HEAD`], { cwd: ROOT });
  const { args, core } = filtersForChange(diff.stdout.split('\n').filter(Boolean));
  const out = args.length ? args : core ? ['--suite=cli'] : [];
  if (out.length) console.log(out.join(' '));
  return 0;
});
