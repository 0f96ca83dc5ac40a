import type { Cell } from './types.ts';

export const FILTER_KEYS = ['runtime', 'language', 'target', 'suite', 'feature', 'case'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
/** Each key lists accepted values; an empty or missing list accepts everything. */
export type Filters = Partial<Record<FilterKey, string[]>>;

/** Splits repeated and comma-separated flag values: --runtime=a,b --runtime c. */
export function normalizeFilters(raw: Partial<Record<FilterKey, string | string[] | undefined>>): Filters {
  const out: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = raw[k];
    if (v === undefined) continue;
    const list = (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
    if (list.length) out[k] = list;
  }
  return out;
}

const accepts = (list: string[] | undefined, test: (f: string) => boolean) => !list?.length || list.some(test);

/**
 * `wasmtime` matches every wasmtime column, `wasmtime@49` the 49.x ones, `wasmtime@49.0.3` one.
 * A column on another host (`jco+node22.23.3`) is asked for by its host: `jco+node` matches every
 * such jco column, `jco+node22` those on Node 22; plain `jco` only the one on the harness's own Node.
 */
export function runtimeMatches(filter: string, id: string, label: string): boolean {
  const hosted = label.includes('+');
  if (hosted !== filter.includes('+')) return false;
  return filter === id || filter === label || label.startsWith(`${filter}.`) || (hosted && /\+[a-z]+$/.test(filter) && label.startsWith(filter) && /\d/.test(label[filter.length] ?? ''));
}

/** A feature filter matches the tag or any tag below it: `fs` matches `fs.read`. */
export function featureMatches(filter: string, tags: string[]): boolean {
  return tags.some((t) => t === filter || t.startsWith(`${filter}.`));
}

export type Filterable = Omit<Cell, 'key'>;

export function acceptsCell(f: Filters, c: Filterable): boolean {
  return (
    accepts(f.suite, (s) => s === c.suite) &&
    accepts(f.case, (s) => s === c.case || s === `${c.suite}/${c.case}`) &&
    accepts(f.language, (s) => s === c.language) &&
    accepts(f.target, (s) => s === c.target || s === `${c.target}+${c.variant}`) &&
    accepts(f.runtime, (s) => runtimeMatches(s, c.runtime, c.runtimeLabel)) &&
    accepts(f.feature, (s) => featureMatches(s, c.features))
  );
}
