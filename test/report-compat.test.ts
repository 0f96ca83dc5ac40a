import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadFeatures } from '../src/cases.ts';
import { ROOT } from '../src/paths.ts';
import { renderBcd, type Statement } from '../src/report/bcd.ts';
import { loadGrantRules } from '../src/report/grant-rules.ts';
import { transitions } from '../src/report/history.ts';
import { latestResults, loadRuns } from '../src/report/runs.ts';
import type { GrantRules } from '../src/report/switches.ts';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;
const schema = JSON.parse(readFileSync(join(ROOT, 'src', 'report', 'compat.schema.json'), 'utf8')) as object;
const validate = addFormats(new Ajv({ allErrors: true, strict: false })).compile(schema);
const errors = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

type Node = { __compat?: { support: Record<string, Statement | Statement[]> }; [k: string]: unknown };
const list = (s: Statement | Statement[] | undefined) => (s === undefined ? [] : Array.isArray(s) ? s : [s]);

/** Every (feature path, runtime, statement) in the document. */
function* statements(node: Node, path: string[] = []): Generator<[string, string, Statement]> {
  if (node.__compat) for (const [rt, s] of Object.entries(node.__compat.support)) for (const x of list(s)) yield [path.join('.'), rt, x];
  for (const [k, v] of Object.entries(node)) if (!k.startsWith('__') && k !== 'browsers' && v && typeof v === 'object') yield* statements(v as Node, [...path, k]);
}

describe('compat.json from the committed run files', () => {
  let doc: Node & { __wasi_matrix: { grants: Record<string, Record<string, string[]>> } };
  let rules: GrantRules;

  beforeAll(async () => {
    const runs = loadRuns(join(ROOT, 'reports', 'runs'));
    const results = latestResults(runs);
    rules = await loadGrantRules(ROOT, results);
    doc = renderBcd({ results, features: loadFeatures(ROOT), runs, rules, version: '0.1.0+test', timestamp: new Date().toISOString(), changelog: transitions(runs).filter((t) => t.runId === runs.at(-1)!.provenance.runId) }) as typeof doc;
  });

  test('validates against the schema written from BCD\'s documented format', (ctx) => {
    if (!loadRuns(join(ROOT, 'reports', 'runs')).length) return ctx.skip('no run files in reports/runs');
    expect(validate(doc), errors().slice(0, 10).join('\n')).toBe(true);
  });

  test('wasi-threads on wasmtime has a version_removed once a measured version lost it', (ctx) => {
    const threads = (doc.threads as Node | undefined)?.['wasi-threads'] as Node | undefined;
    const wasmtime = list(threads?.__compat?.support.wasmtime);
    if (!wasmtime.length) return ctx.skip('no wasmtime wasi-threads cells in the committed runs');
    expect(wasmtime.some((s) => typeof s.version_removed === 'string')).toBe(true);
  });

  test('no capability grant is published as a flag', () => {
    const grantFlags = new Set(Object.values(doc.__wasi_matrix.grants).flatMap((byRt) => Object.values(byRt).flat()));
    const flagged = [...statements(doc)].flatMap(([, , s]) => (s.flags ?? []).map((f) => f.name));
    expect(flagged.filter((f) => grantFlags.has(f))).toEqual([]);
    expect(flagged.filter((f) => /127\.0\.0\.1:\d/.test(f))).toEqual([]);
  });

  test('every support key is a runtime listed under browsers', () => {
    const browsers = new Set(Object.keys(doc.browsers as object));
    expect([...new Set([...statements(doc)].map(([, rt]) => rt))].filter((rt) => !browsers.has(rt))).toEqual([]);
  });
});

describe('the schema can fail', () => {
  const base = (statement: unknown, name = 'x') => ({
    __meta: { version: '1', timestamp: '2026-01-01T00:00:00Z' },
    __wasi_matrix: { generator: 'wasi-matrix', runs: [], grants: {}, changelog: [] },
    browsers: { wasmtime: { name: 'wasmtime', type: 'server', accepts_flags: true, accepts_webextensions: false, releases: { '49.0.3': { status: 'current' } } } },
    cli: { [name]: { __compat: { support: { wasmtime: statement } } } },
  });

  test('a well-formed document passes', () => {
    expect(validate(base([{ version_added: '46.0.0' }, { version_added: '42.0.1', version_removed: '46.0.0', flags: [{ type: 'runtime_flag', name: '-Sp3' }] }])), errors().join()).toBe(true);
  });

  test.each([
    ['partial_implementation without notes', base({ version_added: '42.0.1', partial_implementation: true })],
    ['a one-element notes array', base({ version_added: '42.0.1', notes: ['only'] })],
    ['a one-element statement array', base([{ version_added: '42.0.1' }])],
    ['version_removed with version_added false', base({ version_added: false, version_removed: '49.0.3' })],
    ['a version that is not a version', base({ version_added: 'wasmtime 49' })],
    ['a flag without its type', base({ version_added: '42.0.1', flags: [{ name: '-Sp3' }] })],
    ['an unknown statement key', base({ version_added: '42.0.1', grants: ['-Shttp'] })],
    ['a dotted feature name', base({ version_added: '42.0.1' }, 'a.b')],
  ])('rejects %s', (_, d) => {
    expect(validate(d)).toBe(false);
  });
});
