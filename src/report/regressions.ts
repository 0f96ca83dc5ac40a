import type { Status } from '../status.ts';
import type { Result } from '../types.ts';

export interface Regression {
  key: string;
  runtimeVersion: string | null;
  before: Status;
  after: Status;
  reason: string;
  failedChecks: string[];
}

export interface RegressionReport {
  regressions: Regression[];
  /** Cells that stopped passing where the runtime version changed: reported, not failed on. */
  upgraded: Regression[];
  /** Cells passing before that the new run does not have at all. */
  missing: string[];
}

const entry = (a: Result, b: Result): Regression => ({
  key: a.key, runtimeVersion: b.runtimeVersion ?? a.runtimeVersion, before: a.status, after: b.status, reason: b.reason,
  failedChecks: b.checks.failed.map((c) => `${c.name}${c.detail ? ` (${c.detail})` : ''}`),
});

/**
 * PASS → anything else, cell by cell. On an unchanged runtime version that is a regression (the
 * harness, a toolchain or the environment broke something); a runtime that was not found at all
 * counts as unchanged, since nothing says its version moved.
 */
export function findRegressions(previous: Result[], next: Result[]): RegressionReport {
  const now = new Map(next.map((r) => [r.key, r]));
  const out: RegressionReport = { regressions: [], upgraded: [], missing: [] };
  for (const a of previous) {
    if (a.status !== 'PASS') continue;
    const b = now.get(a.key);
    if (!b) out.missing.push(a.key);
    else if (b.status !== 'PASS') {
      const same = b.runtimeVersion === a.runtimeVersion || b.runtimeVersion === null;
      (same ? out.regressions : out.upgraded).push(entry(a, b));
    }
  }
  return out;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 300);

/** The job summary: what regressed and why, then what changed with a runtime upgrade. */
export function renderRegressions(r: RegressionReport, title: string): string {
  const lines = [`## ${title}`, ''];
  lines.push(r.regressions.length
    ? `**${r.regressions.length} cell(s) went from PASS to something else on an unchanged runtime version.**`
    : 'No cell went from PASS to something else on an unchanged runtime version.', '');
  const table = (rs: Regression[]) => [
    '| cell | runtime version | now | reason | failed checks |', '| --- | --- | --- | --- | --- |',
    ...rs.map((x) => `| ${cell(x.key)} | ${x.runtimeVersion ?? '—'} | ${x.after} | ${cell(x.reason) || '—'} | ${cell(x.failedChecks.join('; ')) || '—'} |`),
  ];
  if (r.regressions.length) lines.push(...table(r.regressions), '');
  if (r.upgraded.length) lines.push(`### Stopped passing with a new runtime version (${r.upgraded.length}, not failed on)`, '', ...table(r.upgraded), '');
  if (r.missing.length) lines.push(`### Passing before, absent now (${r.missing.length})`, '', ...r.missing.map((k) => `- ${cell(k)}`), '');
  return lines.join('\n');
}
