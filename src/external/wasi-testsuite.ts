import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { CaseSpec } from '../types.ts';

/** Test file keys of WebAssembly/wasi-testsuite (doc/specification.md), older and newer. */
const specSchema = z.strictObject({
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  exit_code: z.number().int().min(0).max(255).default(0),
  stdout: z.string().optional(),
  stderr: z.string().optional(),
  root: z.string().optional(),
  dirs: z.array(z.string()).default([]),
  proposals: z.array(z.string()).default([]),
  world: z.enum(['wasi:cli/command', 'wasi:http/service']).optional(),
  operations: z.array(z.looseObject({ type: z.string() })).default([]),
});

const manifestSchema = z.strictObject({
  name: z.string().min(1),
  version: z.enum(['wasm32-wasip1', 'wasm32-wasip3']),
});

const TARGET = { 'wasm32-wasip1': 'p1', 'wasm32-wasip3': 'p3' } as const;
const LANGUAGES = ['rust', 'c', 'assemblyscript'];

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
  let spec: z.infer<typeof specSchema>;
  try {
    spec = specSchema.parse(existsSync(specFile) ? JSON.parse(readFileSync(specFile, 'utf8')) : {});
  } catch (e) {
    return { ...base, invalid: problemOf(specFile, e) };
  }
  if (spec.world === 'wasi:http/service' || spec.operations.length) {
    return { ...base, invalid: `${specFile}: wasi:http/service worlds and operations are not driven by wasi-matrix yet` };
  }
  for (const d of [...(spec.root ? [spec.root] : []), ...spec.dirs]) {
    if (!existsSync(join(suiteDir, d)) || !statSync(join(suiteDir, d)).isDirectory()) {
      return { ...base, invalid: `${specFile}: directory ${d} does not exist in the suite` };
    }
  }
  // Each test gets a fresh copy of the suite folder (tests write into their trees); preopens point into it.
  const preopens = [
    ...(spec.root ? [{ host: spec.root, guest: '/' }] : []),
    ...spec.dirs.map((d) => ({ host: d, guest: d })),
  ];
  return {
    ...base,
    features: ['external', ...spec.proposals.map((p) => `external.${p}`)],
    invoke: { args: spec.args, env: spec.env, preopens, ...(preopens.length ? { fixtureDir: suiteDir } : {}) },
    expect: {
      ...base.expect, exit: spec.exit_code,
      ...(spec.stdout !== undefined ? { stdoutIs: spec.stdout } : {}),
      ...(spec.stderr !== undefined ? { stderrIs: spec.stderr } : {}),
    },
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
