import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadAdapter } from '../plugins.ts';
import type { GrantRules } from './switches.ts';

/** Every capability a case file declares it needs (`needs:`), over all suites. */
function declaredNeeds(root: string): string[] {
  const needs = new Set<string>();
  const suites = join(root, 'suites');
  for (const suite of existsSync(suites) ? readdirSync(suites, { withFileTypes: true }) : []) {
    if (!suite.isDirectory()) continue;
    for (const name of readdirSync(join(suites, suite.name)).filter((n) => n.endsWith('.yaml'))) {
      const doc = parse(readFileSync(join(suites, suite.name, name), 'utf8')) as { needs?: unknown } | null;
      if (Array.isArray(doc?.needs)) for (const n of doc.needs) needs.add(String(n));
    }
  }
  return [...needs].sort();
}

/**
 * The grant flags each runtime's adapter declares, per need and per version seen, so views can tell a
 * grant from a switch in run files that did not record it. Runtimes without an adapter here grant nothing.
 */
export async function loadGrantRules(root: string, columns: { runtime: string; runtimeVersion: string | null }[]): Promise<GrantRules> {
  const needs = declaredNeeds(root);
  const rules: GrantRules = {};
  for (const runtime of [...new Set(columns.map((c) => c.runtime))].sort()) {
    if (!existsSync(join(root, 'runtimes', runtime, 'adapter.ts'))) continue;
    const adapter = await loadAdapter(root, runtime);
    const versions = [...new Set(columns.filter((c) => c.runtime === runtime).map((c) => c.runtimeVersion ?? '0.0.0'))];
    const seen = new Map<string, { need: string; template: string }>();
    for (const need of needs) for (const v of versions) for (const template of adapter.needFlags?.(need, v) ?? []) seen.set(`${need}\0${template}`, { need, template });
    rules[runtime] = [...seen.values()];
  }
  return rules;
}
