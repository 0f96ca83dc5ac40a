import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Result, RunFile } from '../types.ts';

/**
 * History that scales: a folder of compressed runs whose build records and guest sources are stored
 * once, by content, and shared by every run that used them. A run keeps its per-cell evidence (status,
 * checks, output, command, timings); a build is referenced by its cache key, which names its inputs.
 *
 *   <dir>/<runId>.run.json.gz        one run, builds as references
 *   <dir>/builds/<cacheKey>.json.gz  a build record (what was run to make the artifact, and its log)
 *   <dir>/sources/<sha256>.json.gz   a guest source or glue text, as lines
 */
export const STORED_RUN = '.run.json.gz';
const SCHEMA = 'wasi-matrix/stored-run@1';

type StoredBuild = Omit<NonNullable<Result['build']>, 'cached' | 'durationMs'>;
type StoredResult = Omit<Result, 'build'> & { build?: { ref: string; cached: boolean; durationMs: number } };
interface StoredRun {
  schema: typeof SCHEMA;
  provenance: RunFile['provenance'];
  results: StoredResult[];
  /** The source texts this run's builds used, by sha256. */
  sources: string[];
}

/** Write-then-rename, as run files are written: a reader never sees half a blob. */
function writeAtomic(file: string, data: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

const gz = (o: unknown) => gzipSync(JSON.stringify(o), { level: 9 });
const ungz = <T>(file: string) => JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as T;
/** Cache keys and hashes are hex; anything else would escape the folder. */
const safe = (name: string) => {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`not a content address: ${name}`);
  return name;
};

export interface StoreAdded {
  file: string;
  bytes: number;
  newBuilds: number;
  newSources: number;
  newBytes: number;
}

/** Adds one run to the store; blobs already there are not rewritten. */
export function storeRun(dir: string, run: RunFile): StoreAdded {
  mkdirSync(join(dir, 'builds'), { recursive: true });
  mkdirSync(join(dir, 'sources'), { recursive: true });
  let newBuilds = 0;
  let newSources = 0;
  let newBytes = 0;
  const results = run.results.map((r): StoredResult => {
    if (!r.build) return r as StoredResult;
    const { cached, durationMs, ...build } = r.build;
    const file = join(dir, 'builds', `${safe(build.cacheKey)}.json.gz`);
    if (!existsSync(file)) {
      const blob = gz(build satisfies StoredBuild);
      writeAtomic(file, blob);
      newBuilds++;
      newBytes += blob.length;
    }
    return { ...r, build: { ref: build.cacheKey, cached, durationMs } };
  });
  for (const [sha, lines] of Object.entries(run.sources ?? {})) {
    const file = join(dir, 'sources', `${safe(sha)}.json.gz`);
    if (existsSync(file)) continue;
    const blob = gz(lines);
    writeAtomic(file, blob);
    newSources++;
    newBytes += blob.length;
  }
  const stored: StoredRun = { schema: SCHEMA, provenance: run.provenance, results, sources: Object.keys(run.sources ?? {}).sort() };
  const blob = gz(stored);
  const file = join(dir, `${safe(run.provenance.runId)}${STORED_RUN}`);
  writeAtomic(file, blob);
  return { file, bytes: blob.length, newBuilds, newSources, newBytes: newBytes + blob.length };
}

/** Reads stored runs back as run files; blobs shared by several runs are read once. */
export class StoreReader {
  private readonly builds = new Map<string, StoredBuild>();
  private readonly texts = new Map<string, string[]>();
  constructor(private readonly dir: string) {}

  runFiles(): string[] {
    return readdirSync(this.dir).filter((f) => f.endsWith(STORED_RUN)).map((f) => join(this.dir, f));
  }

  read(file: string): RunFile {
    const s = ungz<StoredRun>(file);
    if (s.schema !== SCHEMA) throw new Error(`${file}: not a stored wasi-matrix run (schema ${String(s.schema)})`);
    const results = s.results.map((r): Result => {
      if (!r.build) return r as Result;
      const { ref, cached, durationMs } = r.build;
      return { ...r, build: { ...this.build(ref), cached, durationMs } };
    });
    return { schema: 'wasi-matrix/run@1', provenance: s.provenance, results, sources: Object.fromEntries(s.sources.map((sha) => [sha, this.text(sha)])) };
  }

  private build(ref: string): StoredBuild {
    let b = this.builds.get(ref);
    if (!b) this.builds.set(ref, (b = ungz<StoredBuild>(join(this.dir, 'builds', `${safe(ref)}.json.gz`))));
    return b;
  }

  private text(sha: string): string[] {
    let t = this.texts.get(sha);
    if (!t) this.texts.set(sha, (t = ungz<string[]>(join(this.dir, 'sources', `${safe(sha)}.json.gz`))));
    return t;
  }
}
