import type { Checks, HarnessCheck } from './types.ts';

const LINE = /^(not ok|ok) ([^\s#]+)(?:\s*#\s*(.*))?$/;

/** Reads `ok <check>` / `not ok <check> # detail` lines; a check once reported `not ok` stays failed. */
export function parseChecks(stdout: string): Map<string, { ok: boolean; detail: string }> {
  const seen = new Map<string, { ok: boolean; detail: string }>();
  for (const raw of stdout.split('\n')) {
    const m = LINE.exec(raw.trimEnd());
    if (m && seen.get(m[2]!)?.ok !== false) seen.set(m[2]!, { ok: m[1] === 'ok', detail: m[3] ?? '' });
  }
  return seen;
}

/**
 * Required checks must all be reported ok; any reported failure counts too. The guest's checks come
 * from its stdout, the harness's own apart (a guest cannot print a harness check into passing).
 */
export function scoreChecks(stdout: string, required: string[], harness: HarnessCheck[] = [], harnessRequired: string[] = []): Checks {
  const seen = parseChecks(stdout);
  const own = new Map<string, { ok: boolean; detail: string }>();
  for (const h of harness) if (own.get(h.name)?.ok !== false) own.set(h.name, h);
  for (const [name, r] of own) seen.set(name, r);
  for (const name of harnessRequired) if (!own.has(name)) seen.delete(name);
  const names = [...new Set([...required, ...harnessRequired, ...seen.keys()])];
  const failed: Checks['failed'] = [];
  for (const name of names) {
    const r = seen.get(name);
    if (!r) failed.push({ name, detail: 'not reported' });
    else if (!r.ok) failed.push({ name, detail: r.detail });
  }
  return { passed: names.length - failed.length, total: names.length, failed };
}
