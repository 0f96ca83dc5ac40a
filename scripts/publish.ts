// npm run publish: the full profile at a clean HEAD, one run file, every page of reports/ from it.
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { parseFlags, UsageError } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { ROOT } from '../src/paths.ts';
import { archiveRuns, headSha, unpublishable } from '../src/publish.ts';
import { isPublication } from '../src/report/publication.ts';
import { readRun } from '../src/results.ts';

const HELP = `Usage: npm run publish -- [--from=RUN.json] [--resume] [--jobs=N] [--no-provision] [--history=DIR] [--out=DIR]

Refuses a tree with uncommitted changes (naming them). Then runs the full profile with no filter
(npm run matrix -- --profile=full), or takes --from (shards of such a run merged, as the nightly does),
moves every other run file of reports/runs into the history store (--history, default reports/history),
and regenerates every page from that run alone (npm run report) into --out (default reports/).
Commit reports/ afterwards.`;

const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');

await main('publish', async () => {
  const { values } = parseFlags(process.argv.slice(2), { from: { type: 'string' }, resume: { type: 'boolean' }, jobs: { type: 'string' }, 'no-provision': { type: 'boolean' }, history: { type: 'string' }, out: { type: 'string' } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const dirty = await unpublishable(ROOT);
  if (dirty.length) throw new UsageError(`the tree has uncommitted changes, so no commit reproduces what would be published; commit or stash them first:\n  ${dirty.join('\n  ')}`);
  const runsDir = join(ROOT, 'reports', 'runs');
  const head = await headSha(ROOT);
  let file: string;
  if (values.from) {
    file = resolve(values.from);
    if (!existsSync(file)) throw new UsageError(`--from: no file ${values.from}`);
  } else {
    const before = new Set(existsSync(runsDir) ? readdirSync(runsDir) : []);
    const args = ['--profile=full', ...(values.resume ? ['--resume'] : []), ...(values.jobs ? [`--jobs=${values.jobs}`] : []), ...(values['no-provision'] ? ['--no-provision'] : [])];
    await execa(tsx, [join(ROOT, 'scripts', 'matrix.ts'), ...args], { cwd: ROOT, stdio: 'inherit' });
    const made = readdirSync(runsDir).filter((n) => n.endsWith('.json') && !before.has(n));
    if (made.length !== 1) throw new Error(`expected one new run file in ${runsDir}, found ${made.length}`);
    file = join(runsDir, made[0]!);
  }
  const run = readRun(file);
  const p = run.provenance;
  if (!isPublication(run)) throw new UsageError(`${file}: not a publication (profile ${p.profile}, filters ${JSON.stringify(p.filters)}${p.shard ? `, shard ${p.shard.index}/${p.shard.count}` : ''})`);
  if (p.gitDirty) throw new UsageError(`${file}: made from a dirty tree (or the tree changed while it ran): its commit does not reproduce it`);
  if (p.gitSha !== head) console.error(`publish: the run is of commit ${p.gitSha?.slice(0, 10)}, HEAD is ${head?.slice(0, 10)}: cells whose inputs changed since will read "stale, re-run"`);
  const target = join(runsDir, `${p.runId}.json`);
  if (resolve(file) !== target) copyFileSync(file, target);
  const history = values.history ? resolve(values.history) : join(ROOT, 'reports', 'history');
  const moved = archiveRuns(runsDir, history, run);
  if (moved.length) console.log(`publish: ${moved.length} older run file(s) moved into ${history}`);
  const out = values.out ? [`--out=${resolve(values.out)}`] : [];
  await execa(tsx, [join(ROOT, 'scripts', 'report.ts'), `--run=${target}`, `--history=${history}`, ...out], { cwd: ROOT, stdio: 'inherit' });
  console.log(`publish: reports/ is run ${p.runId}; commit it: git add reports && git commit -m "Publish run ${p.runId}"`);
  return 0;
});
