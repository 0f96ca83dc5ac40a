import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { After } from './script.ts';
import type { HarnessCheck } from './types.ts';

const show = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/**
 * Effects checked on the host, not through the runtime under test: the cell's copy of the fixture
 * after the run, against what the case states (and, for `unchanged`, the pristine fixture).
 */
export async function inspectAfter(after: After, copy: string, original?: string): Promise<HarnessCheck[]> {
  const checks: HarnessCheck[] = [];
  const add = (name: string, problem: string | null) => checks.push({ name, ok: problem === null, detail: problem ?? '' });
  for (const p of after.exists) add(`after-exists:${p}`, existsSync(join(copy, p)) ? null : `${p} does not exist on the host`);
  for (const p of after.absent) add(`after-absent:${p}`, existsSync(join(copy, p)) ? `${p} still exists on the host` : null);
  for (const [p, want] of Object.entries(after.contains)) {
    const got = await readFile(join(copy, p), 'utf8').catch(() => null);
    add(`after-contains:${p}`, got === null ? `${p} cannot be read on the host` : got === want ? null : `${p} holds ${show(got)}, want ${show(want)}`);
  }
  for (const p of after.unchanged) {
    const [was, is] = await Promise.all([original ? readFile(join(original, p)).catch(() => null) : null, readFile(join(copy, p)).catch(() => null)]);
    add(`after-unchanged:${p}`, was === null ? `${p} is not in the fixture` : is !== null && was.equals(is) ? null : `${p} changed on the host`);
  }
  return checks;
}
