import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { execa } from 'execa';
import { checkArtifact, type TargetSpec } from './artifact.ts';
import { buildKey, fileSha256, sha256 } from './hash.ts';
import { cacheDir } from './paths.ts';
import { recipeFiles } from './recipe.ts';
import { buildTmpPrefix } from './stale.ts';
import type { BuildContext, BuildInfo, BuildRecord, BuildStep, Located, TargetId, Toolchain } from './types.ts';

export interface BuildStats {
  built: number;
  cached: number;
}

class StepFailed extends Error {}

/**
 * A cached build is served only if its record parses, is for this key, and its artifact still has
 * the size and sha256 recorded: a truncated or substituted file would otherwise be blamed on the
 * runtime, or pass under the original's hash.
 */
/**
 * How long one build step may take: a first build of Rust's std for a target on a busy 2-core machine
 * took 10 min. WASI_MATRIX_BUILD_STEP_MS sets another (tests).
 */
const stepLimitMs = () => Number(process.env.WASI_MATRIX_BUILD_STEP_MS) || 1_200_000;

async function verifiedRecord(dir: string, key: string): Promise<{ record: BuildRecord } | { rebuilt: string }> {
  let rec: BuildRecord;
  try {
    rec = JSON.parse(await readFile(join(dir, 'record.json'), 'utf8')) as BuildRecord;
  } catch (e) {
    return { rebuilt: `cached record.json unreadable (${(e as Error).message.slice(0, 120)}); rebuilt` };
  }
  if (typeof rec !== 'object' || rec === null || rec.cacheKey !== key || typeof rec.ok !== 'boolean') {
    return { rebuilt: 'cached record.json is not a build record for this key; rebuilt' };
  }
  if (!rec.ok) return { record: rec };
  if (!rec.artifact) return { rebuilt: 'cached record names no artifact; rebuilt' };
  const path = join(dir, basename(rec.artifact.path));
  const bytes = existsSync(path) ? (await stat(path)).size : -1;
  if (bytes !== rec.artifact.bytes) {
    return { rebuilt: `cached artifact is ${bytes < 0 ? 'missing' : `${bytes} bytes`}, its record says ${rec.artifact.bytes}; rebuilt` };
  }
  const hash = await fileSha256(path);
  if (hash !== rec.artifact.sha256) return { rebuilt: `cached artifact's sha256 ${hash.slice(0, 12)}… is not the recorded ${rec.artifact.sha256.slice(0, 12)}…; rebuilt` };
  return { record: { ...rec, artifact: { ...rec.artifact, path } } };
}

/** Builds a guest for a target unless the same inputs were built before (success or failure). */
export async function buildGuest(
  tc: Toolchain,
  where: Located,
  toolchainVersion: string,
  what: { guest: string; target: TargetId; variant: string },
  spec: TargetSpec,
  root: string,
  stats: BuildStats,
): Promise<BuildRecord> {
  const { guest, target, variant } = what;
  const files = await tc.sources(guest);
  const flags = tc.flags(target, variant);
  // The recipe is an input too: editing a toolchain file, or a file of its folder it imports, rebuilds its guests.
  const keyFiles = [...files, ...recipeFiles(root, tc.language).map((f) => join(root, f))];
  // The extra sources a toolchain builds with (a newer sysroot) are inputs too: their versions, or their absence.
  const extras = (where.also ?? []).map((a) => `${a.source.kind}:${JSON.stringify(a.source)}=${a.version ?? (a.missing ? 'missing' : 'present')}`);
  const key = await buildKey({ language: tc.language, toolchainVersion, target: `${target}+${variant}`, flags: [...flags, JSON.stringify(spec), ...extras], files: keyFiles, root });
  const dir = join(cacheDir(), 'builds', key);
  const recordFile = join(dir, 'record.json');
  const sources = await Promise.all(
    files.map(async (f) => {
      const bytes = await readFile(f);
      // A prebuilt binary is an artifact: hashed, never interned as lines of text.
      if (bytes.subarray(0, 8192).includes(0)) return { path: relative(root, f), sha256: sha256(bytes), lines: [] };
      const text = bytes.toString('utf8');
      return { path: relative(root, f), sha256: sha256(text), lines: text.split('\n') };
    }),
  );
  const cached = existsSync(recordFile) ? await verifiedRecord(dir, key) : null;
  if (cached && 'record' in cached) {
    stats.cached++;
    const { rebuilt: _once, ...record } = cached.record;
    return { ...record, sources: record.sources ?? sources, cached: true };
  }
  // A record or artifact that fails verification is replaced, and the new record says why.
  if (cached) await rm(dir, { recursive: true, force: true });

  stats.built++;
  const tmp = join(cacheDir(), 'builds', `${buildTmpPrefix}${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(tmp, { recursive: true });
  const steps: BuildStep[] = [];
  let log = '';
  // A step killed at its limit says how busy the machine was, not what the toolchain does: never cached.
  let killed: string | undefined;
  const ctx: BuildContext = {
    root,
    where,
    tmpDir: tmp,
    async glue(name, text) {
      const path = join(tmp, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      sources.push({ path: `(generated) ${name}`, sha256: sha256(text), lines: text.split('\n') });
      return path;
    },
    async exec(file, args, opts) {
      const t0 = performance.now();
      const r = await execa(file, args, { cwd: opts?.cwd ?? tmp, env: opts?.env, reject: false, all: true, timeout: stepLimitMs() });
      steps.push({ tool: basename(file), argv: [file, ...args], exitCode: r.exitCode ?? null, durationMs: Math.round(performance.now() - t0) });
      log += `$ ${[file, ...args].join(' ')}\n${r.all ?? ''}\n`;
      if (r.timedOut) {
        killed = `${basename(file)} was killed after ${stepLimitMs() / 1000} s`;
        log += `${killed}\n`;
      }
      if (r.exitCode !== 0) throw new StepFailed(`${basename(file)} exited ${r.exitCode ?? r.signal}`);
    },
  };
  const out = join(tmp, 'artifact.wasm');
  const t0 = performance.now();
  let ok = true;
  let info: BuildInfo = { tools: [] };
  try {
    info = await tc.build({ guest, target, variant, out, ...(spec.wasi ? { wasi: spec.wasi } : {}), ...(spec.witDir ? { witDir: spec.witDir } : {}) }, ctx);
    const wrong = existsSync(out) ? await checkArtifact(out, target, spec) : null;
    if (wrong) {
      ok = false;
      log += `${wrong}\n`;
    }
  } catch (e) {
    ok = false;
    if (!(e instanceof StepFailed)) log += `${(e as Error).message}\n`;
  }
  const record: BuildRecord = {
    ok: ok && existsSync(out),
    cacheKey: key,
    cached: false,
    toolchain: { language: tc.language, version: toolchainVersion },
    variant,
    tools: info.tools,
    flags,
    ...(info.argsBefore?.length ? { argsBefore: info.argsBefore } : {}),
    sources,
    steps,
    log: log.slice(-20_000),
    durationMs: Math.round(performance.now() - t0),
    ...(cached ? { rebuilt: cached.rebuilt } : {}),
  };
  if (record.ok) {
    record.artifact = { path: join(dir, 'artifact.wasm'), sha256: await fileSha256(out), bytes: (await stat(out)).size };
  }
  if (killed) {
    await rm(tmp, { recursive: true, force: true });
    return record;
  }
  await writeFile(join(tmp, 'record.json'), JSON.stringify(record, null, 2));
  try {
    await rename(tmp, dir);
  } catch {
    /* a concurrent build of the same key won: its result is the same */
    await rm(tmp, { recursive: true, force: true });
  }
  return record;
}
