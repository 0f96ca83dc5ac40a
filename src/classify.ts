import { scoreChecks } from './checks.ts';
import type { Gate } from './plan.ts';
import type { Status } from './status.ts';
import type { CaseSpec, Checks, RawOutcome } from './types.ts';

export interface Evidence {
  /** The case itself could not be read. */
  invalid?: string;
  gate?: Gate;
  build?: { ok: boolean; log: string };
  run?: RawOutcome;
  expect: CaseSpec['expect'];
}

export interface Verdict {
  status: Status;
  reason: string;
  checks: Checks;
}

const NO_CHECKS: Checks = { passed: 0, total: 0, failed: [] };

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  return (lines[lines.length - 1] ?? '').slice(0, 200);
}

/** The last line that names an error, else the last line: build logs end in tool chatter. */
function errorLine(log: string): string {
  const lines = log.trim().split('\n').filter(Boolean);
  return (lines.reverse().find((l) => /error/i.test(l)) ?? lines[0] ?? '').trim().slice(0, 200);
}

function matches(pattern: string, text: string): boolean {
  return new RegExp(pattern, 'm').test(text);
}

/** The one verdict function: evidence in, status out. Pure. */
export function classify(ev: Evidence): Verdict {
  if (ev.invalid) return { status: 'ERROR', reason: ev.invalid, checks: NO_CHECKS };
  if (ev.gate) return { status: ev.gate.status, reason: ev.gate.reason, checks: NO_CHECKS };
  if (ev.build && !ev.build.ok) return { status: 'BUILD_FAIL', reason: errorLine(ev.build.log) || 'build failed', checks: NO_CHECKS };
  const run = ev.run;
  if (!run) return { status: 'ERROR', reason: 'no run outcome', checks: NO_CHECKS };
  const checks = scoreChecks(run.stdout, ev.expect.checks, run.harness, ev.expect.harness);
  if (run.harnessError) return { status: 'ERROR', reason: run.harnessError, checks };
  // A script that judges everything itself (an external suite's) passes when every operation did,
  // as in the reference runner: a trap the test waited for is its expected outcome, not a crash.
  const scripted = ev.expect.exit === null && ev.expect.checks.length === 0 && ev.expect.harness.length > 0;
  if (scripted && !run.timedOut && !run.outputLimited && checks.failed.length === 0) return { status: 'PASS', reason: '', checks };
  if (run.usageError) return { status: 'ERROR', reason: `the runtime rejected its command line: ${run.usageError}`, checks };
  if (run.timedOut) return { status: 'TIMEOUT', reason: `killed after ${run.durationMs} ms`, checks };
  if (run.outputLimited) return { status: 'CRASH', reason: 'output limit exceeded; killed', checks };
  if (run.trap) return { status: 'CRASH', reason: `trap: ${run.trap}`, checks };
  if (run.internalError) return { status: 'CRASH', reason: `runtime error: ${run.internalError}`, checks };
  if (run.signal) return { status: 'CRASH', reason: `killed by ${run.signal}`, checks };

  const wrong: string[] = [];
  if (ev.expect.exit !== null && run.exitLost) {
    // A runtime that loses the status fails only the cases about it; the rest are judged by what they check.
    if (ev.expect.exitStated) wrong.push(`no exit status (want ${ev.expect.exit}): ${run.exitLost}`);
  } else if (ev.expect.exit !== null && run.exitCode !== ev.expect.exit) {
    const hint = lastLine(run.stderr);
    wrong.push(`exit code ${run.exitCode}, want ${ev.expect.exit}${hint ? ` (stderr: ${hint})` : ''}`);
  }
  for (const f of checks.failed) wrong.push(`${f.name}: ${f.detail || 'failed'}`);
  for (const p of ev.expect.stdout) if (!matches(p, run.stdout)) wrong.push(`stdout lacks /${p}/`);
  for (const p of ev.expect.stderr) if (!matches(p, run.stderr)) wrong.push(`stderr lacks /${p}/`);
  for (const p of ev.expect.stdoutExcludes) if (matches(p, run.stdout)) wrong.push(`stdout has /${p}/`);
  if (ev.expect.stdoutIs !== undefined && run.stdout !== ev.expect.stdoutIs) wrong.push(`stdout ${JSON.stringify(run.stdout.slice(0, 80))} is not ${JSON.stringify(ev.expect.stdoutIs.slice(0, 80))}`);
  if (ev.expect.stderrIs !== undefined && run.stderr !== ev.expect.stderrIs) wrong.push(`stderr ${JSON.stringify(run.stderr.slice(0, 80))} is not ${JSON.stringify(ev.expect.stderrIs.slice(0, 80))}`);
  if (wrong.length) return { status: 'FAIL', reason: wrong.join('; '), checks };
  return { status: 'PASS', reason: '', checks };
}
