// npm run regressions -- PREVIOUS.json NEW.json: fails (exit 1) when a cell went from PASS to anything
// else on an unchanged runtime version; the summary goes to GITHUB_STEP_SUMMARY when set.
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFlags, UsageError } from '../src/cli-args.ts';
import { main } from '../src/main-errors.ts';
import { findRegressions, renderRegressions } from '../src/report/regressions.ts';
import { readRun } from '../src/results.ts';
import { readAnyRun } from '../src/store/compact.ts';

await main('regressions', async () => {
  const { values, positionals } = parseFlags(process.argv.slice(2), {});
  if (values.help) {
    console.log('Usage: npm run regressions -- PREVIOUS NEW\n\nEach a run file (.json) or a stored run (.run.json.gz, read from its history folder).\nExit 1 when a cell passing in PREVIOUS does not pass in NEW on the same runtime version.\nWrites a markdown summary to $GITHUB_STEP_SUMMARY when set, and to stdout.');
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('give the previous and the new run file');
  const [a, b] = positionals.map((p) => readAnyRun(resolve(p), readRun));
  const report = findRegressions(a!.results, b!.results);
  const text = renderRegressions(report, `Regressions: ${a!.provenance.runId} → ${b!.provenance.runId}`);
  console.log(text);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${text}\n`);
  return report.regressions.length ? 1 : 0;
});
