import type { Checks } from './types.ts';

const LINE = /^(not ok|ok) ([^\s#]+)(?:\s*#\s*(.*))?$/;

/** Reads `ok <check>` / `not ok <check> # detail` lines; the last report of a check wins. */
export function parseChecks(stdout: string): Map<string, { ok: boolean; detail: string }> {
  const seen = new Map<string, { ok: boolean; detail: string }>();
  for (const raw of stdout.split('\n')) {
    const m = LINE.exec(raw.trimEnd());
    if (m) seen.set(m[2]!, { ok: m[1] === 'ok', detail: m[3] ?? '' });
  }
  return seen;
}

/** Required checks must all be reported ok; any reported failure counts too. */
export function scoreChecks(stdout: string, required: string[]): Checks {
  const seen = parseChecks(stdout);
  const names = [...new Set([...required, ...seen.keys()])];
  const failed: Checks['failed'] = [];
  for (const name of names) {
    const r = seen.get(name);
    if (!r) failed.push({ name, detail: 'not reported' });
    else if (!r.ok) failed.push({ name, detail: r.detail });
  }
  return { passed: names.length - failed.length, total: names.length, failed };
}
