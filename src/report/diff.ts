import type { Status } from '../status.ts';
import type { Result } from '../types.ts';
import { lineOf } from './history.ts';
import { targetOf } from './model.ts';

export type Change = 'improved' | 'regressed' | 'changed' | 'added' | 'removed';

export interface DiffEntry {
  change: Change;
  line: string;
  features: string[];
  before?: { status: Status; reason: string; version: string | null };
  after?: { status: Status; reason: string; version: string | null };
}

const rank = (s: Status) => (s === 'PASS' ? 2 : s === 'UNSUPPORTED' || s === 'UNAVAILABLE' ? 0 : 1);

/** A cell across two sets of results: its full key, runtime column included, so every column is compared. */
const cellOf = (r: Result) => `${r.suite}/${r.case}|${r.language}|${targetOf(r)}|${r.runtimeLabel}`;

function compare(line: string, ra: Result, rb: Result): DiffEntry | null {
  const side = (r: Result) => ({ status: r.status, reason: r.reason, version: r.runtimeVersion });
  if (ra.status === rb.status) return null;
  const d = rank(rb.status) - rank(ra.status);
  return { change: d > 0 ? 'improved' : d < 0 ? 'regressed' : 'changed', line, features: rb.features, before: side(ra), after: side(rb) };
}

/**
 * Compares two sets of results cell by cell, keyed with the runtime column, so two columns of one
 * runtime (wasmtime@42 and wasmtime@49) are both compared. A column present on one side only whose line
 * has exactly one unmatched column on the other is an upgrade and is compared with it.
 */
export function diffResults(a: Result[], b: Result[], keyOf: (r: Result) => string = cellOf): DiffEntry[] {
  const index = (rs: Result[]) => new Map(rs.map((r) => [keyOf(r), r]));
  const A = index(a);
  const B = index(b);
  const out: DiffEntry[] = [];
  const side = (r: Result) => ({ status: r.status, reason: r.reason, version: r.runtimeVersion });
  const onlyA = new Map<string, Result[]>();
  const onlyB = new Map<string, Result[]>();
  for (const [key, ra] of A) {
    const rb = B.get(key);
    if (!rb) onlyA.set(lineOf(ra), [...(onlyA.get(lineOf(ra)) ?? []), ra]);
    else {
      const e = compare(key, ra, rb);
      if (e) out.push(e);
    }
  }
  for (const [key, rb] of B) if (!A.has(key)) onlyB.set(lineOf(rb), [...(onlyB.get(lineOf(rb)) ?? []), rb]);
  for (const [line, ras] of onlyA) {
    const rbs = onlyB.get(line) ?? [];
    if (ras.length === 1 && rbs.length === 1) {
      onlyB.delete(line);
      const e = compare(line, ras[0]!, rbs[0]!);
      if (e) out.push(e);
      continue;
    }
    for (const ra of ras) out.push({ change: 'removed', line: keyOf(ra), features: ra.features, before: side(ra) });
  }
  for (const rbs of onlyB.values()) for (const rb of rbs) out.push({ change: 'added', line: keyOf(rb), features: rb.features, after: side(rb) });
  return out.sort((x, y) => x.line.localeCompare(y.line));
}

/** Two columns of one run, e.g. wasmtime@42.0.1 against wasmtime@49.0.3. */
export function diffColumns(results: Result[], before: string, after: string): DiffEntry[] {
  return diffResults(results.filter((r) => r.runtimeLabel === before), results.filter((r) => r.runtimeLabel === after), lineOf);
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
