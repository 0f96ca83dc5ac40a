// npm test -- [filters] [vitest options]: our filters are parsed here (vitest rejects unknown
// flags), the rest goes to vitest, which is started programmatically.
import type { RunnerTask, RunnerTestFile } from 'vitest';
import { parseCLI, startVitest } from 'vitest/node';
import { checkFilters, FILTER_HELP, filtersFrom, UsageError } from '../src/cli-args.ts';
import { FILTER_KEYS } from '../src/filters.ts';
import { main } from '../src/main-errors.ts';
import { loadMatrix } from '../src/matrix.ts';
import { ROOT } from '../src/paths.ts';
import { newRunId } from '../src/provenance.ts';
import { provisionMissing } from '../src/provision.ts';

const HELP = `Usage: npm test -- [filters] [--no-provision] [vitest options]

Runs the unit tests and the conformance suites; fails only on outcomes that
differ from expectations (regressions and unexpected passes).

${FILTER_HELP}`;

/** Splits argv into our flags and vitest's. */
function split(argv: string[]): { ours: Record<string, string[]>; flags: Set<string>; rest: string[] } {
  const ours: Record<string, string[]> = {};
  const flags = new Set<string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    const name = m?.[1] ?? '';
    if (name === 'no-provision' || name === 'help') flags.add(name);
    else if ((FILTER_KEYS as readonly string[]).includes(name)) {
      const value = m?.[2] ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      (ours[name] ??= []).push(value);
    } else rest.push(a);
  }
  return { ours, flags, rest };
}

function count(tasks: RunnerTask[], into = { passed: 0, failed: 0, skipped: 0 }) {
  for (const t of tasks) {
    if (t.type === 'suite') count(t.tasks, into);
    else if (t.result?.state === 'pass') into.passed++;
    else if (t.result?.state === 'fail') into.failed++;
    else into.skipped++;
  }
  return into;
}

await main('test', async () => {
  const { ours, flags, rest } = split(process.argv.slice(2));
  if (flags.has('help')) {
    console.log(HELP);
    return 0;
  }
  const filters = filtersFrom(ours);
  const matrix = loadMatrix(ROOT);
  checkFilters(ROOT, matrix, filters);
  if (!flags.has('no-provision')) await provisionMissing(matrix, (line) => console.error(`provision ${line}`));
  const { filter, options } = parseCLI(['vitest', ...rest]);
  const vitest = await startVitest('test', filter, {
    ...options,
    root: ROOT,
    run: true,
    watch: false,
    provide: { filters, runId: newRunId() },
  });
  const files: RunnerTestFile[] = vitest.state.getFiles();
  const c = count(files);
  const fileErrors = files.filter((f) => f.result?.state === 'fail' && f.tasks.length === 0).length;
  console.log(`\ntests: ${c.passed} passed, ${c.failed + fileErrors} failed, ${c.skipped} skipped`);
  return process.exitCode === 0 || process.exitCode === undefined ? (c.failed + fileErrors ? 1 : 0) : Number(process.exitCode);
});
process.exit();
