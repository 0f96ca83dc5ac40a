import type { Result } from '../types.ts';
import semver from 'semver';
import { withFeature } from './model.ts';

interface Statement {
  version_added: string | false | null;
  flags?: { type: 'runtime_flag'; name: string }[];
  partial_implementation?: true;
  notes?: string[];
}

/**
 * compat.json in the shape of MDN browser-compat-data: per feature a __compat block whose
 * support is keyed by runtime, then language. version_added is the oldest runtime version
 * seen passing every case of the feature; false when measured and never passing; null when
 * not measured here.
 */
export function renderBcd(all: Result[], features: Record<string, string>, generated: string): unknown {
  const out: Record<string, unknown> = {};
  for (const [feature, description] of Object.entries(features)) {
    const rs = withFeature(all, feature);
    if (!rs.length) continue;
    const support: Record<string, Record<string, Statement>> = {};
    for (const runtime of [...new Set(rs.map((r) => r.runtime))].sort()) {
      for (const language of [...new Set(rs.map((r) => r.language))].sort()) {
        const mine = rs.filter((r) => r.runtime === runtime && r.language === language);
        const measured = mine.filter((r) => r.status !== 'UNSUPPORTED' && r.status !== 'UNAVAILABLE');
        const notes = [...new Set(mine.filter((r) => r.status !== 'PASS').map((r) => `${r.runtimeLabel} ${r.target}: ${r.status}${r.reason ? ` — ${r.reason.slice(0, 200)}` : ''}`))];
        // A version passes the feature when, for some target, every case of the feature passes.
        const versions = [...new Set(measured.map((r) => r.runtimeVersion ?? ''))];
        const passingVersions = versions.filter((v) => {
          const atV = measured.filter((r) => (r.runtimeVersion ?? '') === v);
          return [...new Set(atV.map((r) => `${r.target}+${r.variant}`))].some((t) => atV.filter((r) => `${r.target}+${r.variant}` === t).every((r) => r.status === 'PASS'));
        });
        const oldest = passingVersions.sort((a, b) => (semver.coerce(a) && semver.coerce(b) ? semver.compare(semver.coerce(a)!, semver.coerce(b)!) : a.localeCompare(b)))[0];
        const flags = [...new Set(mine.filter((r) => r.status === 'PASS').flatMap((r) => r.run?.flags ?? []))];
        const partial = oldest !== undefined && measured.some((r) => r.status !== 'PASS');
        (support[runtime] ??= {})[language] = {
          version_added: oldest !== undefined ? oldest : measured.length ? false : null,
          ...(flags.length ? { flags: flags.map((name) => ({ type: 'runtime_flag' as const, name })) } : {}),
          ...(partial ? { partial_implementation: true as const } : {}),
          ...(notes.length ? { notes } : {}),
        };
      }
    }
    out[feature] = { __compat: { description, support } };
  }
  return { __meta: { generator: 'wasi-matrix', generated }, features: out };
}
