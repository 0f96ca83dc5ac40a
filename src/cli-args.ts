import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FILTER_KEYS, normalizeFilters, type Filters } from './filters.ts';

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

export function filtersFrom(values: Record<string, unknown>): Filters {
  return normalizeFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, values[k] as string[] | undefined])));
}

export function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer, got "${v}"`);
  return n;
}

/** --external FORMAT=PATH, e.g. wasi-testsuite=../wasi-testsuite/tests */
export function parseExternal(values: string[] | undefined): { format: 'wasi-testsuite'; path: string }[] {
  return (values ?? []).map((v) => {
    const m = /^(wasi-testsuite)=(.+)$/.exec(v);
    if (!m) throw new UsageError(`--external must be wasi-testsuite=PATH, got "${v}"`);
    return { format: 'wasi-testsuite', path: resolve(m[2]!) };
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
