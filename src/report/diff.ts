import type { Status } from '../status.ts';
import type { Result } from '../types.ts';
import { lineOf } from './history.ts';

export type Change = 'improved' | 'regressed' | 'changed' | 'added' | 'removed';

export interface DiffEntry {
  change: Change;
  line: string;
  features: string[];
  before?: { status: Status; reason: string; version: string | null };
  after?: { status: Status; reason: string; version: string | null };
}

const rank = (s: Status) => (s === 'PASS' ? 2 : s === 'UNSUPPORTED' || s === 'UNAVAILABLE' ? 0 : 1);

/** Compares two sets of results cell by cell (keyed without the runtime version). */
export function diffResults(a: Result[], b: Result[]): DiffEntry[] {
  const index = (rs: Result[]) => new Map(rs.map((r) => [lineOf(r), r]));
  const A = index(a);
  const B = index(b);
  const out: DiffEntry[] = [];
  const side = (r: Result) => ({ status: r.status, reason: r.reason, version: r.runtimeVersion });
  for (const [line, ra] of A) {
    const rb = B.get(line);
    if (!rb) out.push({ change: 'removed', line, features: ra.features, before: side(ra) });
    else if (ra.status !== rb.status) {
      const d = rank(rb.status) - rank(ra.status);
      out.push({ change: d > 0 ? 'improved' : d < 0 ? 'regressed' : 'changed', line, features: rb.features, before: side(ra), after: side(rb) });
    }
  }
  for (const [line, rb] of B) if (!A.has(line)) out.push({ change: 'added', line, features: rb.features, after: side(rb) });
  return out.sort((x, y) => x.line.localeCompare(y.line));
}

/** Two columns of one run, e.g. wasmtime@42.0.1 against wasmtime@49.0.3. */
export function diffColumns(results: Result[], before: string, after: string): DiffEntry[] {
  return diffResults(results.filter((r) => r.runtimeLabel === before), results.filter((r) => r.runtimeLabel === after));
}

export function renderDiff(entries: DiffEntry[], title: string): string {
  const lines = [`# ${title}`, ''];
  const kinds: Change[] = ['regressed', 'improved', 'changed', 'added', 'removed'];
  lines.push(kinds.map((k) => `${k} ${entries.filter((e) => e.change === k).length}`).join(', '), '');
  const byFeature = new Map<string, DiffEntry[]>();
  for (const e of entries) for (const f of e.features.length ? e.features : ['(none)']) byFeature.set(f, [...(byFeature.get(f) ?? []), e]);
  for (const [feature, es] of [...byFeature].sort(([x], [y]) => x.localeCompare(y))) {
    lines.push(`## ${feature}`);
    for (const k of kinds) {
      for (const e of es.filter((x) => x.change === k)) {
        const b = e.before ? `${e.before.status}${e.before.version ? ` @${e.before.version}` : ''}` : '—';
        const a = e.after ? `${e.after.status}${e.after.version ? ` @${e.after.version}` : ''}` : '—';
        const why = (e.change === 'improved' ? e.before?.reason : e.after?.reason ?? e.before?.reason) ?? '';
        lines.push(`- ${k}: ${e.line}: ${b} → ${a}${why ? ` — ${why}` : ''}`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
