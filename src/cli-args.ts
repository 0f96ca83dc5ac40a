import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadFeatures } from './cases.ts';
import { FILTER_KEYS, featureMatches, normalizeFilters, runtimeMatches, type FilterKey, type Filters } from './filters.ts';
import type { Matrix } from './matrix.ts';

/** A flag problem, reported as `<command>: <message>` with exit code 2. */
export class UsageError extends Error {}

export const FILTER_OPTIONS = Object.fromEntries(
  FILTER_KEYS.map((k) => [k, { type: 'string', multiple: true }] as const),
) as Record<(typeof FILTER_KEYS)[number], { type: 'string'; multiple: true }>;

export const FILTER_HELP = `Filters (repeatable, or comma-separated):
  --runtime=ID[@VERSION]   e.g. wasmtime, wasmtime@49, node-wasi
  --language=ID            e.g. c
  --target=ID              p1, p2, p3
  --suite=ID               e.g. cli, fs (also suites not in matrix.yaml, e.g. selftest)
  --feature=TAG            e.g. fs, fs.sandbox (a tag and everything below it)
  --case=[SUITE/]ID        e.g. cli/args`;

export function parseFlags<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** An empty value (`--case=`, `--runtime=a,`) would widen the filter to everything: refused. */
export function filtersFrom(values: Record<string, unknown>): Filters {
  for (const k of FILTER_KEYS) {
    for (const v of (values[k] as string[] | undefined) ?? []) {
      if (v.split(',').some((part) => part.trim() === '')) throw new UsageError(`--${k} has an empty value ("${v}")`);
    }
  }
  return normalizeFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, values[k] as string[] | undefined])));
}

export function positiveInt(name: string, v: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer, got "${v}"`);
  if (n > max) throw new UsageError(`--${name} must be at most ${max}, got "${v}"`);
  return n;
}

/** A folder to write into: absent (it is made) or a folder, never a file. */
export function outDir(name: string, v: string): string {
  const dir = resolve(v);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--${name} must be a folder, and ${v} is a file`);
  return dir;
}

/** Why each filter value matches nothing this repository knows, by flag. */
function unknownValue(root: string, m: Matrix, key: FilterKey, v: string, features: string[]): string | null {
  const suiteDirs = () => readdirSync(join(root, 'suites'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  switch (key) {
    case 'runtime':
      return m.instances.some((i) => runtimeMatches(v, i.id, i.label)) ? null : `no runtime column matches "${v}" (${m.instances.map((i) => i.label).join(', ')})`;
    case 'language':
      return m.toolchains.some((t) => t.language === v) ? null : `unknown language "${v}" (${m.toolchains.map((t) => t.language).join(', ')})`;
    case 'target':
      return v.split('+')[0]! in m.targets ? null : `unknown target "${v}" (${Object.keys(m.targets).join(', ')})`;
    case 'suite':
      return v.startsWith('external:') || existsSync(join(root, 'suites', v)) ? null : `unknown suite "${v}": suite "${v}" has no folder suites/${v}`;
    case 'feature':
      return featureMatches(v, features) ? null : `no feature tag in suites/features.yaml is "${v}" or below it`;
    case 'case': {
      if (v.startsWith('external:')) return null;
      const [suite, id] = v.includes('/') ? v.split('/', 2) : [undefined, v];
      const found = (suite ? [suite] : suiteDirs()).some((s) => existsSync(join(root, 'suites', s, `${id}.yaml`)));
      return found ? null : `no case "${v}" (a case is suites/<suite>/<id>.yaml; name it <id> or <suite>/<id>)`;
    }
  }
}

/** Every filter value must name something that exists: a typo is an error, not an empty run. */
export function checkFilters(root: string, m: Matrix, filters: Filters): void {
  const features = Object.keys(loadFeatures(root));
  const wrong = FILTER_KEYS.flatMap((k) => (filters[k] ?? []).map((v) => unknownValue(root, m, k, v, features)).filter((w) => w !== null).map((w) => `--${k}: ${w}`));
  if (wrong.length) throw new UsageError(wrong.join('\n'));
}

/** --external FORMAT=PATH, e.g. wasi-testsuite=../wasi-testsuite/tests */
export function parseExternal(values: string[] | undefined): { format: 'wasi-testsuite'; path: string }[] {
  return (values ?? []).map((v) => {
    const m = /^(wasi-testsuite)=(.+)$/.exec(v);
    if (!m) throw new UsageError(`--external must be wasi-testsuite=PATH, got "${v}"`);
    const path = resolve(m[2]!);
    if (!existsSync(path)) throw new UsageError(`--external: ${m[2]} does not exist`);
    if (!statSync(path).isDirectory()) throw new UsageError(`--external: ${m[2]} is a file; give the folder that holds the suites`);
    return { format: 'wasi-testsuite', path };
  });
}

export function parseShard(v: string | undefined): { index: number; count: number } | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N, got "${v}"`);
  return { index, count };
}
