// npm test -- [filters] [vitest options]: our filters are parsed here (vitest rejects unknown
// flags), the rest goes to vitest, which is started programmatically.
import type { RunnerTask, RunnerTestFile } from 'vitest';
import { parseCLI, startVitest } from 'vitest/node';
import { checkFilters, FILTER_HELP, filtersFrom, UsageError } from '../src/cli-args.ts';
import { FILTER_KEYS } from '../src/filters.ts';
import { main } from '../src/main-errors.ts';
import { loadMatrix, PROFILES, type Profile } from '../src/matrix.ts';
import { ROOT } from '../src/paths.ts';
import { newRunId } from '../src/provenance.ts';
import { provisionMissing } from '../src/provision.ts';

const HELP = `Usage: npm test -- [filters] [--no-provision] [--profile=default|full] [vitest options]

Runs the unit tests and the conformance suites; fails only on outcomes that
differ from expectations (regressions and unexpected passes). The default profile
provisions and measures what fits a fresh machine's CI; --profile=full adds the
nightly's tools and versions (the rest read UNAVAILABLE, not in profile).

${FILTER_HELP}`;

/** Splits argv into our flags and vitest's. */
function split(argv: string[]): { ours: Record<string, string[]>; flags: Set<string>; rest: string[]; profile: Profile } {
  const ours: Record<string, string[]> = {};
  let profile: Profile = 'default';
  const flags = new Set<string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    const name = m?.[1] ?? '';
    if (name === 'no-provision' || name === 'help') flags.add(name);
    else if (name === 'profile') {
      const value = m?.[2] ?? argv[++i];
      if (!(PROFILES as readonly string[]).includes(value ?? '')) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, got "${value ?? ''}"`);
      profile = value as Profile;
    }
    else if ((FILTER_KEYS as readonly string[]).includes(name)) {
      const value = m?.[2] ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      (ours[name] ??= []).push(value);
    } else rest.push(a);
  }
  return { ours, flags, rest, profile };
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
  const { ours, flags, rest, profile } = split(process.argv.slice(2));
  if (flags.has('help')) {
    console.log(HELP);
    return 0;
  }
  const filters = filtersFrom(ours);
  const matrix = loadMatrix(ROOT);
  checkFilters(ROOT, matrix, filters);
  const unprovisioned = flags.has('no-provision') ? [] : await provisionMissing(matrix, (line) => console.error(`provision ${line}`), profile);
  const { filter, options } = parseCLI(['vitest', ...rest]);
  const vitest = await startVitest('test', filter, {
    ...options,
    root: ROOT,
    run: true,
    watch: false,
    provide: { filters, profile, runId: newRunId() },
  });
  const files: RunnerTestFile[] = vitest.state.getFiles();
  const c = count(files);
  const fileErrors = files.filter((f) => f.result?.state === 'fail' && f.tasks.length === 0).length;
  for (const u of unprovisioned) console.log(`provisioning failed: ${u.name}: ${u.error} — its cells read UNAVAILABLE, so this run cannot be green`);
  console.log(`\ntests: ${c.passed} passed, ${c.failed + fileErrors + unprovisioned.length} failed, ${c.skipped} skipped`);
  if (unprovisioned.length) return 1;
  return process.exitCode === 0 || process.exitCode === undefined ? (c.failed + fileErrors ? 1 : 0) : Number(process.exitCode);
});
process.exit();
