// npm run matrix -- [filters]: provision what is missing, build, run, record, summarise.
import { join, resolve } from 'node:path';
import { checkFilters, FILTER_HELP, FILTER_OPTIONS, filtersFrom, outDir, parseExternal, parseFlags, parseShard, positiveInt, UsageError } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { loadMatrix, MAX_TIMEOUT_MS, PROFILES, type Profile } from '../src/matrix.ts';
import { ROOT } from '../src/paths.ts';
import { listPlan, renderListing, runs } from '../src/plan-list.ts';
import { progress } from '../src/progress.ts';
import { provisionMissing } from '../src/provision.ts';
import { findJournal, planId } from '../src/resume.ts';
import { toWtsResults } from '../src/external/wts-results.ts';
import { writeAtomic } from '../src/results.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import { loadTimings } from '../src/timings.ts';
import { renderSummary, renderSurprises } from '../src/summary.ts';

const HELP = `Usage: npm run matrix -- [options]

Builds every planned cell, runs it, and writes reports/runs/<run-id>.json.

${FILTER_HELP}

Options:
  --jobs=N          parallel cells (default: matrix.yaml, auto = cores)
  --timeout=MS      per-cell time limit, overriding cases and matrix.yaml (at most 1 h)
  --allow-empty     accept filters that select no cell (otherwise an error, exit 2)
  --resume          continue the newest interrupted run of the same plan in the --out
                    folder (its journal), running only the cells it had not finished
  --shard=I/N       run the I-th of N disjoint parts of the plan (merge with npm run merge)
  --out=DIR         where the run file goes (default: reports/runs)
  --no-provision    do not install missing tools first
  --list            print the planned cells (after the filters) with their gate, the count
                    per gate and the estimated wall time; builds, runs and installs nothing
  --json            with --list: the same as JSON on stdout
  --profile=P       full (default: every tool and version matrix.yaml names) or default
                    (what npm test measures on a fresh machine; the rest reads UNAVAILABLE)
  --matrix=FILE     another matrix file (default: matrix.yaml)
  --external=wasi-testsuite=PATH
                    also run every suite (manifest.json + tests) under PATH, in
                    WebAssembly/wasi-testsuite's format, as suites external:<name>
  -e, --expectations=FILE
                    an expectation file of the reference wasi-testsuite runner (TOML:
                    [[suite]] name, [[suite.test]] name, expected = "fail" | action = "skip")
  --wts-json=FILE   also write the external suites' results in the reference runner's JSON format`;

await main('matrix', async () => {
  const { values } = parseFlags(process.argv.slice(2), {
    ...FILTER_OPTIONS,
    jobs: { type: 'string' },
    timeout: { type: 'string' },
    shard: { type: 'string' },
    out: { type: 'string' },
    matrix: { type: 'string' },
    external: { type: 'string', multiple: true },
    expectations: { type: 'string', short: 'e', multiple: true },
    'wts-json': { type: 'string' },
    'no-provision': { type: 'boolean' },
    profile: { type: 'string' },
    'allow-empty': { type: 'boolean' },
    resume: { type: 'boolean' },
    list: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const filters = filtersFrom(values);
  const jobs = positiveInt('jobs', values.jobs);
  const timeoutMs = positiveInt('timeout', values.timeout, MAX_TIMEOUT_MS);
  const shard = parseShard(values.shard);
  const external = parseExternal(values.external);
  const matrixFile = values.matrix ? resolve(values.matrix) : undefined;
  const recordDir = values.out ? outDir('out', values.out) : join(ROOT, 'reports', 'runs');

  const profile = (values.profile ?? 'full') as Profile;
  if (!(PROFILES as readonly string[]).includes(profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, got "${profile}"`);
  const matrix = loadMatrix(ROOT, matrixFile);
  checkFilters(ROOT, matrix, filters);
  if (values.json && !values.list) throw new UsageError('--json goes with --list');
  if (!values['no-provision'] && !values.list) await provisionMissing(matrix, (line) => console.error(`provision ${line}`), profile);

  const wtsExpectations = (values.expectations ?? []).map((f) => resolve(f));
  const plan = await makePlan({ root: ROOT, filters, external, wtsExpectations, profile, ...(matrixFile ? { matrixFile } : {}), ...(shard ? { shard } : {}) });
  if (!plan.cells.length && !plan.excluded.length && !values['allow-empty']) {
    throw new UsageError('the filters select no cell (each value exists, but not together); --allow-empty accepts that');
  }
  if (values.list) {
    const listing = listPlan(plan, loadTimings(), jobs ?? plan.matrix.jobs);
    console.log(values.json ? JSON.stringify(listing, null, 2) : renderListing(listing));
    return 0;
  }
  const runnable = plan.cells.filter((c) => !c.gate).length;
  console.error(`plan: ${plan.cells.length} cells (${runnable} to run, ${plan.cells.length - runnable} unsupported or unavailable, ${plan.excluded.length} excluded)`);
  const resume = values.resume ? findJournal(recordDir, planId(plan.cells.map((c) => c.key))) : null;
  if (values.resume) {
    console.error(resume ? `resume: run ${resume.header.runId}, ${resume.results.size} of ${plan.cells.length} cells already done` : `resume: no interrupted run of this plan in ${recordDir}; starting afresh`);
  }
  const toRun = plan.cells.filter((c) => runs(plan, c) && !resume?.results.has(c.key)).map((c) => c.key);
  const bar = progress({ keys: toRun, timings: loadTimings(), jobs: jobs ?? plan.matrix.jobs, label: 'matrix' });
  const summary = await runPlan(plan, {
    recordDir,
    ...(resume ? { resume } : {}),
    ...(jobs ? { jobs } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    // Every run also runs each security case's negative controls and records them next to its cell.
    controls: true,
    onCellStart: (key) => bar.start(key),
    onResult: (r) => bar.end(r),
  }).finally(() => bar.stop());

  console.log(renderSummary(summary.run.results));
  console.log(`\nbuilds: ${summary.builds.built} built, ${summary.builds.cached} from cache`);
  const surprises = renderSurprises(summary.run.results);
  if (surprises.length) console.log(`\nunexpected (not in any expectations.yaml):\n  ${surprises.join('\n  ')}`);
  console.log(`\nrun file: ${summary.file}`);
  if (values['wts-json']) {
    writeAtomic(resolve(values['wts-json']), `${JSON.stringify(toWtsResults(summary.run), null, 2)}\n`);
    console.log(`wasi-testsuite results: ${resolve(values['wts-json'])}`);
  }
  return 0;
});
