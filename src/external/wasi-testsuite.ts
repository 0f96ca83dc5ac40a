import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { harnessChecks, preopensOf, type Script, type ServerSpec, type Step } from '../script.ts';
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
  // The reference runner reads `world` beside the older keys too; a command is all they describe.
  world: z.literal('wasi:cli/command').optional(),
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

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;
const responseObject = z
  .strictObject({
    status: z.number().int().default(200),
    headers: fields,
    body: z.string().optional(),
    chunks: z.array(z.string()).optional(),
    trailers: z.record(z.string(), z.string()).optional(),
  })
  .refine((r) => r.body === undefined || r.chunks === undefined, '`body` and `chunks` exclude each other')
  .refine((r) => !r.trailers || r.chunks !== undefined, '`trailers` need `chunks`');
const endpoint = z
  .strictObject({
    method: z.string().default('GET').transform((m) => m.toUpperCase()).pipe(z.enum(METHODS)),
    path: z.string().default('/'),
    mode: z.enum(['static', 'echo-body', 'echo-headers']).default('static'),
    // A string is short for a 200 with that body.
    response: z.union([z.string().transform((body) => ({ status: 200, headers: {}, body })), responseObject]).optional(),
  })
  .refine((e) => e.mode === 'static' || e.response === undefined, 'an echo endpoint has no `response`')
  .transform((e) => ({ ...e, response: e.response ?? { status: 200, headers: {}, body: '' } }));

/** Harness-run HTTP servers; each one's address reaches the guest as env `HTTP_SERVER_<NAME>`. */
const server = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9_]+$/, 'letters, digits and _'),
    kind: z.enum(['listening', 'closed']).default('listening'),
    endpoints: z.array(endpoint).optional(),
  })
  .refine((s) => s.kind === 'listening' || s.endpoints === undefined, 'a closed server has no `endpoints`')
  .transform((s): ServerSpec => ({ name: s.name, kind: s.kind, endpoints: s.endpoints ?? [] }));

/** The newer keys (2026): an ordered script, the proposals it needs and the world it exports. */
const scriptSchema = z.strictObject({
  servers: z
    .array(server)
    .default([])
    .refine((ss) => new Set(ss.map((x) => x.name.toUpperCase())).size === ss.length, 'duplicate server names'),
  operations: z.array(operation).default([{ type: 'run', args: [], env: {}, dirs: [] }, { type: 'wait', exit_code: 0 }]),
  proposals: z.array(z.enum(['http', 'sockets'])).default([]),
  world: z.enum(['wasi:cli/command', 'wasi:http/service']).default('wasi:cli/command'),
});

// `world` alone does not make a spec new-style, as in the reference runner.
const NEW_KEYS = ['operations', 'proposals', 'servers'];
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

/** Our suite id for a suite of the reference format, from its manifest's name. */
export const suiteId = (name: string) => `external:${slug(name)}`;

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
    script: plainRun([], {}, []),
    expect: { exit: 0, checks: [], harness: [], stdout: [], stderr: [], stdoutExcludes: [] },
    limits: {}, needs: [], served: false, controls: [], prebuilt: { artifact: wasm, language },
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
    if (keys.some((k) => k !== 'world' && k in legacySchema.shape)) return { ...base, invalid: `${specFile}: mixes the older keys with operations/proposals/servers` };
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
    script: legacyScript(spec, preopens),
    ...(preopens.length ? { fixtureDir: suiteDir, fixtureOnly: preopens.map((p) => p.host) } : {}),
    expect: { ...base.expect, exit: null, harness: harnessChecks(legacyScript(spec, preopens)) },
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
  const served = spec.world === 'wasi:http/service';
  const script: Script = {
    steps: spec.operations.map((o, i) => stepOf(o, `op${i + 1}-${o.type}`, served)),
    servers: spec.servers,
    // A process still running after the last operation fails, as in the reference runner.
    end: 'end',
  };
  return {
    ...base,
    features: ['external', ...spec.proposals.map((p) => `external.${p}`)],
    ...(runs.some((r) => r.root || r.dirs.length) ? { fixtureDir: suiteDir, fixtureOnly: [...new Set(runs.flatMap((r) => preopensOf(r).map((p) => p.host)))] } : {}),
    script,
    expect: { ...base.expect, exit: null, harness: harnessChecks(script) },
    needs,
    served,
  };
}

/**
 * The older keys as the reference runner reads them: run, read the expected stdout then stderr
 * (as many bytes as given: a prefix), wait for the exit code.
 */
function legacyScript(spec: z.infer<typeof legacySchema>, preopens: { host: string; guest: string }[]): Script {
  const reads: Step[] = [
    ...(spec.stdout !== undefined ? [{ check: 'stdout', op: 'read' as const, stream: 'stdout' as const, payload: spec.stdout }] : []),
    ...(spec.stderr !== undefined ? [{ check: 'stderr', op: 'read' as const, stream: 'stderr' as const, payload: spec.stderr }] : []),
  ];
  const wait: Step = { check: 'exit_code', op: 'wait', exit: spec.exit_code };
  return { steps: [{ op: 'run', args: spec.args, env: spec.env, preopens, serve: false }, ...reads, wait], servers: [] };
}

function plainRun(args: string[], env: Record<string, string>, preopens: { host: string; guest: string }[]): Script {
  return { steps: [{ op: 'run', args, env, preopens, serve: false }, { op: 'wait' }], servers: [] };
}

/** One operation of the suite's script as a step of ours, reporting under `opN-type`. */
function stepOf(o: z.infer<typeof operation>, check: string, served: boolean): Step {
  switch (o.type) {
    case 'run':
      return { check, op: 'run', args: o.args, env: o.env, preopens: preopensOf(o), serve: served };
    case 'wait':
      return { check, op: 'wait', exit: o.exit_code };
    case 'read':
      return { check, op: 'read', stream: o.id, payload: o.payload };
    case 'write':
      return { check, op: 'write', payload: o.payload };
    case 'connect':
      return { check, op: 'connect', conn: o.id, to: 'printed' };
    case 'send':
      return { check, op: 'send', conn: o.id, payload: o.payload };
    case 'recv':
      return { check, op: 'recv', conn: o.id, payload: o.payload };
    case 'request':
      return { check, op: 'request', method: o.method, path: o.path, headers: o.headers, body: o.body, response: o.response };
    case 'kill':
      return { check, op: 'kill', signal: o.signal };
  }
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
      // A suite whose manifest cannot be read is one ERROR cell naming the file, never silence.
      const problem = problemOf(manifestFile, e);
      problems.push(problem);
      const suite = suiteId(`unreadable ${relative(resolve(root), dir) || 'suite'}`);
      const broken = { ...caseOf(dir, suite, 'p1', 'external', 'manifest'), file: manifestFile, invalid: problem };
      suites.push({ name: suite, dir, target: 'p1', language: 'external', cases: [broken] });
      continue;
    }
    const suite = suiteId(manifest.name);
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
