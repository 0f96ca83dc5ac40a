import { existsSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import semver from 'semver';
import { z } from 'zod';
import type { RuntimeInstance, Source } from './types.ts';
import { loadYaml } from './yaml-file.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

/** `p3`, or a snapshot of it: `p3@rc-2026-01-06` (adapters see the part before `@`). */
const targetId = z.string().regex(/^[a-z0-9][a-z0-9-]*(@[a-z0-9.-]+)?$/, 'lower-case letters, digits and dashes, then optionally @snapshot');

const range = z.string().refine((r) => semver.validRange(r) !== null, 'not a valid semver range');

const source = z.union([
  z.literal('builtin'),
  z.strictObject({ path: z.string().min(1) }),
  z.strictObject({ npm: z.string().min(1) }),
  /** An npm package at pinned versions, each unpacked into the cache (a Node binary, an interpreter module): not a dependency of ours. */
  z.strictObject({
    npm: z.string().min(1),
    bin: z.string().min(1).optional(),
    versions: z.array(z.string().refine((v) => semver.valid(v) !== null, 'not a semver version')).min(1),
  }),
  z.strictObject({
    pypi: z.string().min(1),
    bin: z.string().min(1),
    versions: z.array(z.string().refine((v) => semver.valid(v) !== null, 'not a semver version')).min(1),
  }),
  z.strictObject({ apt: z.array(z.string().min(1)).min(1) }),
  z.strictObject({
    go: z.string().min(1),
    bin: z.string().min(1),
    versions: z.array(z.string().refine((v) => semver.valid(v) !== null, 'not a semver version')).min(1),
  }),
  z.strictObject({ script: z.string().min(1), bin: z.string().min(1) }),
  /** A Cargo project in this repository (a host program around a runtime library), built with its lock file into the cache. */
  z.strictObject({ cargoProject: z.string().min(1), bin: z.string().min(1) }),
  /** A crate's published source (e.g. the WIT it bundles), unpacked into the cache by `cargo fetch`. */
  z.strictObject({ crate: z.string().min(1), version: z.string().min(1) }),
  z.strictObject({ maven: z.array(z.string().regex(/^[\w.-]+:[\w.-]+:[\w.-]+(:[\w.-]+)?$/, 'group:artifact:version[:type]')).min(1) }),
  z.strictObject({ deb: z.string().min(1), release: z.string().regex(/^[a-z]+$/, 'a Debian codename'), version: z.string().min(1).optional() }),
  z.strictObject({
    cargo: z.string().min(1),
    version: z.string().refine((v) => semver.valid(v) !== null, 'not a semver version'),
    features: z.array(z.string()).default([]),
    defaultFeatures: z.boolean().default(true),
    bin: z.string().min(1),
  }),
]);

const filterKeys = {
  runtime: z.string().optional(),
  language: z.string().optional(),
  target: z.string().optional(),
  suite: z.string().optional(),
  case: z.string().optional(),
};

/** setTimeout's range ends at 2^31 ms; an hour is more than any cell should take. */
export const MAX_TIMEOUT_MS = 3_600_000;

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

const schemaFor = (root: string) => z
  .strictObject({
    defaults: z
      .strictObject({
        timeoutMs: z.number().int().positive().max(MAX_TIMEOUT_MS).default(10_000),
        /** Linear memory a guest may reach, enforced through each runtime's own limit where it has one. */
        memoryBytes: z.number().int().min(65536).optional(),
        outputBytes: z.number().int().positive().default(1 << 20),
        jobs: z.union([z.literal('auto'), z.number().int().positive()]).default('auto'),
      })
      .prefault({}),
    targets: z.record(
      targetId,
      z.strictObject({
        kind: z.enum(['module', 'component']),
        requires: z.string().min(1).optional(),
        description: z.string(),
        /** The WASI version (or snapshot) of the target's WIT, for toolchains that build from WIT. */
        wasi: z.string().min(1).optional(),
        /** Where that WIT comes from when no installed tool ships it (a crate that bundles it). */
        wit: source.optional(),
        /** Only these languages get cells of this target (a snapshot only some toolchain versions emit). */
        languages: z.array(id).optional(),
        /** Only these cases (`suite/case`): a snapshot sweep measures a few, on every runtime version. */
        cases: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'suite/case')).optional(),
        /** Only in the full profile. (No default: a target's fields are part of its guests' build keys.) */
        fullOnly: z.boolean().optional(),
      }),
    ),
    suites: z.array(id.refine((s) => isDir(join(root, 'suites', s)), { error: (iss) => `suite "${String(iss.input)}" has no folder suites/${String(iss.input)}` })).min(1),
    toolchains: z
      .array(
        z.strictObject({
          language: id.refine((l) => existsSync(join(root, 'guests', l, 'toolchain.ts')), { error: (iss) => `no guests/${String(iss.input)}/toolchain.ts for this language` }),
          source,
          /** More sources the toolchain needs beside its main one (e.g. a newer sysroot as a deb). */
          also: z.array(source).default([]),
          /** Feature tags (or prefixes) the language cannot express, with why: those cells are UNSUPPORTED. */
          cannot: z.record(z.string().regex(/^[a-z0-9.-]+$/, 'a feature tag'), z.string().min(1)).default({}),
          /** Feature tags this machine's copy of the toolchain cannot reach (an old package), with why: UNAVAILABLE. */
          unavailable: z.record(z.string().regex(/^[a-z0-9.-]+$/, 'a feature tag'), z.string().min(1)).default({}),
          /**
           * Feature tags the language reaches on these targets (`p2`, or a variant's label such as `p2+adapter`) by a
           * route nobody has written a guest for yet, naming the route: UNAVAILABLE, work to do. It comes before `cannot:`,
           * which then speaks for the other targets.
           */
          notWritten: z.record(z.string().regex(/^[a-z0-9.-]+$/, 'a feature tag'), z.strictObject({ targets: z.array(z.string().min(1)).min(1), route: z.string().min(1) })).default({}),
          /** Only in the full profile (the nightly's): too heavy for a fresh machine's `npm test`. */
          fullOnly: z.boolean().default(false),
          /** A longer limit for every cell of this language (say why in a comment): e.g. an interpreter each runtime compiles first. */
          timeoutMs: z.number().int().positive().max(MAX_TIMEOUT_MS).optional(),
          /** The toolchain version (one of `source.versions`) that builds a target, where not the first. */
          versionFor: z.record(targetId, z.string()).default({}),
        }),
      )
      .min(1),
    runtimes: z
      .array(
        z.strictObject({
          id: id.refine((r) => existsSync(join(root, 'runtimes', r, 'adapter.ts')), { error: (iss) => `no runtimes/${String(iss.input)}/adapter.ts for this runtime` }),
          range: range.optional(),
          source,
          /** Only in the full profile: the whole runtime (true) or these of its versions. */
          fullOnly: z.union([z.boolean(), z.array(z.string())]).default(false),
          /** The program (a `hosts:` entry) this library-shaped runtime runs inside: one more column per host version. */
          hostedBy: z.string().optional(),
          /**
           * The most a language's longer limit (toolchains' `timeoutMs`) may give this runtime's cells: a limit
           * that fits the runtime's speed (say why in a comment). A case's own limit and the default still hold.
           */
          timeoutMs: z.number().int().positive().max(MAX_TIMEOUT_MS).optional(),
        }),
      )
      .min(1),
    /**
     * Programs that host library-shaped runtimes (a JS engine). Besides the harness's own copy, each
     * version listed is a column of every runtime hosted by it: `<runtime>+<host><version>`.
     */
    hosts: z
      .record(
        id,
        z.strictObject({
          source: z.strictObject({
            npm: z.string().min(1),
            bin: z.string().min(1),
            versions: z.array(z.string().refine((v) => semver.valid(v) !== null, 'not a semver version')).min(1),
          }),
          /** Only in the full profile: every version (true) or these. */
          fullOnly: z.union([z.boolean(), z.array(z.string())]).default(false),
        }),
      )
      .default({}),
    exclude: z.array(z.strictObject({ ...filterKeys, reason: z.string().min(1) })).default([]),
    /** What the harness itself needs (e.g. a browser for the report test), provisioned like the rest. */
    harness: z.array(source).default([]),
    /** External suites to import into every run, e.g. a wasi-testsuite checkout. */
    external: z
      .array(z.strictObject({
        format: z.literal('wasi-testsuite'),
        path: z.string().min(1).refine((p) => isDir(resolve(root, p)), 'not a folder (relative paths start at the repository root)'),
      }))
      .default([]),
  })
  .superRefine((m, ctx) => {
    const known = {
      runtime: new Set(m.runtimes.map((r) => r.id)),
      language: new Set(m.toolchains.map((t) => t.language)),
      target: new Set(Object.keys(m.targets)),
      suite: new Set(m.suites),
    };
    m.exclude.forEach((ex, i) => {
      for (const k of ['runtime', 'language', 'target', 'suite'] as const) {
        const v = ex[k];
        if (v !== undefined && !known[k].has(v.split('@')[0] ?? v)) {
          ctx.addIssue({ code: 'custom', path: ['exclude', i, k], message: `unknown ${k} "${v}"` });
        }
      }
    });
    m.toolchains.forEach((t, i) => {
      const versions = typeof t.source === 'object' && 'versions' in t.source ? t.source.versions : [];
      for (const [target, v] of Object.entries(t.versionFor)) {
        if (!(target in m.targets)) ctx.addIssue({ code: 'custom', path: ['toolchains', i, 'versionFor', target], message: `unknown target "${target}"` });
        if (!versions.includes(v)) ctx.addIssue({ code: 'custom', path: ['toolchains', i, 'versionFor', target], message: `${v} is not one of source.versions` });
      }
    });
    const seen = new Set<string>();
    m.runtimes.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['runtimes', i, 'id'], message: `duplicate runtime "${r.id}"` });
      seen.add(r.id);
      if (r.hostedBy !== undefined && !(r.hostedBy in m.hosts)) ctx.addIssue({ code: 'custom', path: ['runtimes', i, 'hostedBy'], message: `no host "${r.hostedBy}" under hosts:` });
    });
  });

export type MatrixFile = z.infer<ReturnType<typeof schemaFor>>;
export type Exclusion = MatrixFile['exclude'][number];

/** `default`: what `npm test` provisions and runs on a fresh machine; `full`: everything (the nightly's). */
export const PROFILES = ['default', 'full'] as const;
export type Profile = (typeof PROFILES)[number];

/** Why a tool of the full profile is not measured in the default one. */
export const notInProfile = (profile: Profile) => `not in profile ${profile}: \`npm run matrix\` (profile full) measures it`;

export interface Matrix extends MatrixFile {
  file: string;
  jobs: number;
  instances: RuntimeInstance[];
  toolchainSources: Record<string, Source>;
  /** The `also:` sources of each toolchain. */
  toolchainExtras: Record<string, Source[]>;
  /** language → target → the toolchain source of another version that builds that target (`versionFor`). */
  toolchainFor: Record<string, Record<string, Source>>;
}

export function toSource(s: z.infer<typeof source>, version?: string): Source {
  if (s === 'builtin') return { kind: 'builtin' };
  if ('path' in s) return { kind: 'path', binary: s.path };
  if ('npm' in s) return 'versions' in s ? { kind: 'npm-pack', package: s.npm, ...(s.bin ? { bin: s.bin } : {}), version: version ?? s.versions[0]! } : { kind: 'npm', package: s.npm };
  if ('apt' in s) return { kind: 'apt', packages: s.apt };
  if ('maven' in s) return { kind: 'maven', artifacts: s.maven };
  if ('script' in s) return { kind: 'script', script: s.script, bin: s.bin };
  if ('cargoProject' in s) return { kind: 'cargo-project', project: s.cargoProject, bin: s.bin };
  if ('deb' in s) return { kind: 'deb', package: s.deb, release: s.release, ...(s.version ? { version: s.version } : {}) };
  if ('crate' in s) return { kind: 'crate', crate: s.crate, version: s.version };
  if ('cargo' in s) return { kind: 'cargo', crate: s.cargo, version: s.version, features: s.features, defaultFeatures: s.defaultFeatures, bin: s.bin };
  if ('go' in s) return { kind: 'go', package: s.go, bin: s.bin, version: version ?? s.versions[0]! };
  return { kind: 'pypi', package: s.pypi, bin: s.bin, version: version ?? s.versions[0]! };
}

const listed = (fullOnly: boolean | string[], v?: string) => fullOnly === true || (Array.isArray(fullOnly) && v !== undefined && fullOnly.includes(v));

/**
 * One column per runtime version that matrix.yaml pins; one otherwise. A hosted runtime also gets one
 * column per version of its host, beside the one run by the harness's own copy of the host.
 */
function instances(m: MatrixFile): RuntimeInstance[] {
  return m.runtimes.flatMap((r) => {
    const base = { id: r.id, ...(r.range ? { range: r.range } : {}) };
    const own: RuntimeInstance[] = typeof r.source === 'object' && 'versions' in r.source
      ? r.source.versions.map((v) => ({ ...base, label: `${r.id}@${v}`, source: toSource(r.source, v), fullOnly: listed(r.fullOnly, v) }))
      : [{ ...base, label: r.id, source: toSource(r.source), fullOnly: listed(r.fullOnly) }];
    const host = r.hostedBy === undefined ? undefined : m.hosts[r.hostedBy]!;
    if (!host) return own;
    return own.flatMap((i) => [i, ...host.source.versions.map((v) => ({
      ...i,
      label: `${i.label}+${r.hostedBy}${v}`,
      host: { name: r.hostedBy!, source: toSource(host.source, v) },
      fullOnly: i.fullOnly || listed(host.fullOnly, v),
    }))]);
  });
}

export function loadMatrix(root: string, file = join(root, 'matrix.yaml')): Matrix {
  const m = loadYaml(file, schemaFor(root));
  return {
    ...m,
    file,
    jobs: m.defaults.jobs === 'auto' ? cpus().length : m.defaults.jobs,
    instances: instances(m),
    toolchainSources: Object.fromEntries(m.toolchains.map((t) => [t.language, toSource(t.source)])),
    toolchainExtras: Object.fromEntries(m.toolchains.map((t) => [t.language, t.also.map((s) => toSource(s))])),
    toolchainFor: Object.fromEntries(m.toolchains.map((t) => [t.language, Object.fromEntries(Object.entries(t.versionFor).map(([target, v]) => [target, toSource(t.source, v)]))])),
  };
}
