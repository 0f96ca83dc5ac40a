import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { operationChecks, preopensOf } from '../operations.ts';
import type { CaseSpec } from '../types.ts';

/** The older test file keys of WebAssembly/wasi-testsuite (doc/specification.md). */
const legacySchema = z.strictObject({
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  exit_code: z.number().int().min(0).max(255).default(0),
  stdout: z.string().optional(),
  stderr: z.string().optional(),
  root: z.string().optional(),
  dirs: z.array(z.string()).default([]),
});

const fields = z.record(z.string(), z.string()).default({});
const operation = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('run'), args: z.array(z.string()).default([]), env: fields, dirs: z.array(z.string()).default([]), root: z.string().optional() }),
  z.strictObject({ type: z.literal('wait'), exit_code: z.number().int().default(0) }),
  z.strictObject({ type: z.literal('read'), id: z.enum(['stdout', 'stderr']).default('stdout'), payload: z.string().default('') }),
  z.strictObject({ type: z.literal('write'), id: z.string().default('stdin'), payload: z.string().default('') }),
  z.strictObject({ type: z.literal('connect'), id: z.string().default('server'), protocol_type: z.enum(['tcp', 'udp', 'http']).default('tcp') }),
  z.strictObject({ type: z.literal('send'), id: z.string(), payload: z.string().default('') }),
  z.strictObject({ type: z.literal('recv'), id: z.string(), payload: z.string().default('') }),
  z.strictObject({
    type: z.literal('request'), method: z.string().default('GET'), path: z.string().default('/'), headers: fields, body: z.string().default(''),
    response: z.strictObject({ status: z.number().int().default(200), headers: fields, body: z.string().default('') }).default({ status: 200, headers: {}, body: '' }),
  }),
  z.strictObject({ type: z.literal('kill'), signal: z.string().regex(/^SIG[A-Z0-9]+$/, 'a signal name such as SIGTERM').default('SIGTERM') }),
]);

/** The newer keys (2026): an ordered script, the proposals it needs and the world it exports. */
const scriptSchema = z.strictObject({
  operations: z.array(operation).default([{ type: 'run', args: [], env: {}, dirs: [] }, { type: 'wait', exit_code: 0 }]),
  proposals: z.array(z.enum(['http', 'sockets'])).default([]),
  world: z.enum(['wasi:cli/command', 'wasi:http/service']).default('wasi:cli/command'),
});

const NEW_KEYS = ['operations', 'proposals', 'world'];
/** Proposals as host grants: what a runtime must be told to link. */
const NEEDS: Record<string, string> = { http: 'http', sockets: 'network' };

const manifestSchema = z.strictObject({
  name: z.string().min(1),
  version: z.enum(['wasm32-wasip1', 'wasm32-wasip3']),
});

const TARGET = { 'wasm32-wasip1': 'p1', 'wasm32-wasip3': 'p3' } as const;
const LANGUAGES = ['rust', 'c', 'assemblyscript', 'python'];

export interface ExternalSuite {
  name: string;
  dir: string;
  target: 'p1' | 'p3';
  language: string;
  cases: CaseSpec[];
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The suite's source language: a tests/<language>/ path segment, else a word of its name. */
function languageOf(dir: string, name: string): string {
  const parts = dir.split(sep).map((p) => p.toLowerCase());
  const i = parts.lastIndexOf('tests');
  const fromPath = i >= 0 ? parts[i + 1] : undefined;
  if (fromPath && LANGUAGES.includes(fromPath)) return fromPath;
  return LANGUAGES.find((l) => new RegExp(`\\b${l}\\b`, 'i').test(name)) ?? 'external';
}

function findManifests(root: string): string[] {
  if (!existsSync(root)) throw new Error(`wasi-testsuite path ${root} does not exist`);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'manifest.json') out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

function problemOf(file: string, e: unknown): string {
  if (e instanceof z.ZodError) {
    const i = e.issues[0]!;
    const keys = i.code === 'unrecognized_keys' ? ` ${i.keys.join(', ')}` : '';
    return `${file}: \`${i.path.join('.') || '(top)'}\`: ${i.message}${keys}`;
  }
  return `${file}: ${(e as Error).message}`;
}

/** One case per test: its spec read, its directory layout turned into preopens. */
function caseOf(suiteDir: string, suite: string, target: string, language: string, id: string): CaseSpec {
  const wasm = join(suiteDir, `${id}.wasm`);
  const specFile = join(suiteDir, `${id}.json`);
  const base: CaseSpec = {
    suite, id, file: existsSync(specFile) ? specFile : wasm, title: id, features: ['external'], targets: [target], guest: wasm,
    invoke: { args: [], env: {}, preopens: [] },
    expect: { exit: 0, checks: [], stdout: [], stderr: [], stdoutExcludes: [] },
    limits: {}, needs: [], prebuilt: { artifact: wasm, language },
  };
  if (!existsSync(wasm)) return { ...base, invalid: `${specFile}: no ${id}.wasm beside it` };
  let raw: Record<string, unknown>;
  try {
    raw = existsSync(specFile) ? JSON.parse(readFileSync(specFile, 'utf8')) : {};
  } catch (e) {
    return { ...base, invalid: problemOf(specFile, e) };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ...base, invalid: `${specFile}: a test spec is a JSON object` };
  const keys = Object.keys(raw);
  if (keys.some((k) => NEW_KEYS.includes(k))) {
    if (keys.some((k) => k in legacySchema.shape)) return { ...base, invalid: `${specFile}: mixes the older keys with operations/proposals/world` };
    return scriptCase(base, suiteDir, specFile, raw);
  }
  let spec: z.infer<typeof legacySchema>;
  try {
    spec = legacySchema.parse(raw);
  } catch (e) {
    return { ...base, invalid: problemOf(specFile, e) };
  }
  const missing = missingDir(suiteDir, [...(spec.root ? [spec.root] : []), ...spec.dirs]);
  if (missing) return { ...base, invalid: `${specFile}: directory ${missing} does not exist in the suite` };
  // Each test gets a fresh copy of the suite folder (tests write into their trees); preopens point into it.
  const preopens = preopensOf(spec);
  return {
    ...base,
    invoke: { args: spec.args, env: spec.env, preopens, ...(preopens.length ? { fixtureDir: suiteDir } : {}) },
    expect: {
      ...base.expect, exit: spec.exit_code,
      ...(spec.stdout !== undefined ? { stdoutIs: spec.stdout } : {}),
      ...(spec.stderr !== undefined ? { stderrIs: spec.stderr } : {}),
    },
  };
}

function missingDir(suiteDir: string, dirs: string[]): string | undefined {
  return dirs.find((d) => !existsSync(join(suiteDir, d)) || !statSync(join(suiteDir, d)).isDirectory());
}

/** A newer-style test: its operations become the cell's checks, its proposals host grants. */
function scriptCase(base: CaseSpec, suiteDir: string, specFile: string, raw: unknown): CaseSpec {
  let spec: z.infer<typeof scriptSchema>;
  try {
    spec = scriptSchema.parse(raw);
  } catch (e) {
    return { ...base, invalid: problemOf(specFile, e) };
  }
  const runs = spec.operations.filter((o) => o.type === 'run');
  const missing = missingDir(suiteDir, runs.flatMap((r) => [...(r.root ? [r.root] : []), ...r.dirs]));
  if (missing) return { ...base, invalid: `${specFile}: directory ${missing} does not exist in the suite` };
  const needs = spec.proposals.map((p) => NEEDS[p]!);
  if (spec.operations.some((o) => o.type === 'connect') && !needs.includes('network')) needs.push('network');
  return {
    ...base,
    features: ['external', ...spec.proposals.map((p) => `external.${p}`)],
    invoke: { ...base.invoke, ...(runs.some((r) => r.root || r.dirs.length) ? { fixtureDir: suiteDir } : {}) },
    expect: { ...base.expect, exit: null, checks: operationChecks(spec.operations) },
    operations: spec.operations,
    world: spec.world,
    needs,
  };
}

/** Every suite (a manifest.json and its tests) under a path, as cases of `external:<name>`. */
export function loadWasiTestsuite(root: string): { suites: ExternalSuite[]; problems: string[] } {
  const suites: ExternalSuite[] = [];
  const problems: string[] = [];
  for (const manifestFile of findManifests(resolve(root))) {
    const dir = dirname(manifestFile);
    let manifest: z.infer<typeof manifestSchema>;
    try {
      manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
    } catch (e) {
      problems.push(problemOf(manifestFile, e));
      continue;
    }
    const suite = `external:${slug(manifest.name)}`;
    const target = TARGET[manifest.version];
    const language = languageOf(relative(resolve(root, '..'), dir), manifest.name);
    const ids = new Set(
      readdirSync(dir).filter((f) => f.endsWith('.wasm') || (f.endsWith('.json') && f !== 'manifest.json')).map((f) => basename(f).replace(/\.(wasm|json)$/, '')),
    );
    const cases = [...ids].sort().map((id) => caseOf(dir, suite, target, language, id));
    suites.push({ name: manifest.name, dir, target, language, cases });
  }
  return { suites, problems };
}
