import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Result, RunFile } from '../types.ts';

/**
 * History that scales: a folder of compressed runs whose build records, guest sources and cell tables
 * are stored once, by content, and shared by every run that uses them. A run keeps its whole per-cell
 * evidence, split in two: the verdicts (status, reason, versions: what history and diffs read, small
 * and quick to load for hundreds of runs) and the evidence (checks, output, command, build, timings),
 * read only for the runs whose results are shown.
 *
 *   <dir>/<runId>.run.json.gz        provenance and verdict columns, aligned with a cell table
 *   <dir>/<runId>.evidence.json.gz   the rest of each result, builds as references
 *   <dir>/cells/<sha256>.json.gz     a cell table: key, suite, case, language, target, runtime, features
 *   <dir>/builds/<cacheKey>-<sha>.json.gz  a build record (what was run to make the artifact, and its log)
 *   <dir>/sources/<sha256>.json.gz   a guest source or glue text, as lines
 */
export const STORED_RUN = '.run.json.gz';
const EVIDENCE = '.evidence.json.gz';
const SCHEMA = 'wasi-matrix/stored-run@1';

const CELL_FIELDS = ['key', 'suite', 'case', 'language', 'target', 'variant', 'runtime', 'runtimeLabel', 'features'] as const;
const VERDICT_FIELDS = ['status', 'reason', 'outcome', 'runtimeVersion', 'toolchainVersion'] as const;
type CellRow = Pick<Result, (typeof CELL_FIELDS)[number]>;
type VerdictField = (typeof VERDICT_FIELDS)[number];
type StoredBuild = Omit<NonNullable<Result['build']>, 'cached' | 'durationMs'>;
/** Everything else a result holds, fields added to Result later included. */
type EvidenceRow = Record<string, unknown> & { build?: { ref: string; cached: boolean; durationMs: number } };

interface StoredRun {
  schema: typeof SCHEMA;
  provenance: RunFile['provenance'];
  cells: string;
  /** Verdict columns as indexes into `strings` (null kept as null). */
  strings: (string | null)[];
  columns: Record<VerdictField, number[]>;
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
/** Cache keys, hashes and run ids only: anything else would escape the folder. */
const safe = (name: string) => {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`not a content address: ${name}`);
  return name;
};

export interface StoreAdded {
  file: string;
  /** Bytes of this run's own files. */
  bytes: number;
  newBuilds: number;
  newSources: number;
  /** Bytes this run added to the store, shared blobs it was first to need included. */
  newBytes: number;
}

/** Adds one run to the store; blobs already there are not rewritten. */
export function storeRun(dir: string, run: RunFile): StoreAdded {
  let newBuilds = 0;
  let newSources = 0;
  let newBytes = 0;
  const blob = (file: string, value: unknown) => {
    if (existsSync(file)) return false;
    const data = gz(value);
    writeAtomic(file, data);
    newBytes += data.length;
    return true;
  };
  const strings: (string | null)[] = [];
  const index = new Map<string | null, number>();
  const intern = (s: string | null) => {
    let i = index.get(s);
    if (i === undefined) index.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const columns = Object.fromEntries(VERDICT_FIELDS.map((f) => [f, [] as number[]])) as Record<VerdictField, number[]>;
  const cells: CellRow[] = [];
  const evidence: EvidenceRow[] = [];
  for (const r of run.results) {
    const rest: Record<string, unknown> = { ...r };
    const cell = Object.fromEntries(CELL_FIELDS.map((f) => [f, r[f]])) as CellRow;
    for (const f of [...CELL_FIELDS, ...VERDICT_FIELDS]) delete rest[f];
    for (const f of VERDICT_FIELDS) columns[f].push(intern(r[f]));
    if (r.build) {
      const { cached, durationMs, ...build } = r.build;
      // By content, not by cache key alone: the same key rebuilt (an emptied cache) has another log.
      const ref = `${build.cacheKey}-${createHash('sha256').update(JSON.stringify(build)).digest('hex').slice(0, 12)}`;
      if (blob(join(dir, 'builds', `${safe(ref)}.json.gz`), build satisfies StoredBuild)) newBuilds++;
      rest.build = { ref, cached, durationMs };
    }
    cells.push(cell);
    evidence.push(rest);
  }
  for (const [sha, lines] of Object.entries(run.sources ?? {})) if (blob(join(dir, 'sources', `${safe(sha)}.json.gz`), lines)) newSources++;
  const table = createHash('sha256').update(JSON.stringify(cells)).digest('hex');
  blob(join(dir, 'cells', `${table}.json.gz`), cells);
  const id = safe(run.provenance.runId);
  const stored: StoredRun = { schema: SCHEMA, provenance: run.provenance, cells: table, strings, columns, sources: Object.keys(run.sources ?? {}).sort() };
  const [head, tail] = [gz(stored), gz(evidence)];
  writeAtomic(join(dir, `${id}${EVIDENCE}`), tail);
  writeAtomic(join(dir, `${id}${STORED_RUN}`), head);
  return { file: join(dir, `${id}${STORED_RUN}`), bytes: head.length + tail.length, newBuilds, newSources, newBytes: newBytes + head.length + tail.length };
}

const LOAD = Symbol('evidence');
const INDEX = Symbol('index');
type Lazy = Result & { [LOAD]?: (i: number) => EvidenceRow; [INDEX]?: number };

/** A result whole: a lazily read stored result gets its evidence; any other result is returned as is. */
export function materialize(r: Result): Result {
  const { [LOAD]: load, [INDEX]: i, ...rest } = r as Lazy;
  return load ? ({ ...rest, ...load(i!) } as Result) : r;
}

/**
 * Reads stored runs back as run files; blobs shared by several runs are read once. `lazy` leaves each
 * result's evidence unread until `materialize` asks for it, so hundreds of runs load quickly.
 */
export class StoreReader {
  private readonly builds = new Map<string, StoredBuild>();
  private readonly texts = new Map<string, string[]>();
  private readonly tables = new Map<string, CellRow[]>();
  constructor(private readonly dir: string) {}

  runFiles(): string[] {
    return readdirSync(this.dir).filter((f) => f.endsWith(STORED_RUN)).map((f) => join(this.dir, f));
  }

  read(file: string, opts: { lazy?: boolean } = {}): RunFile {
    const s = ungz<StoredRun>(file);
    if (s.schema !== SCHEMA) throw new Error(`${file}: not a stored wasi-matrix run (schema ${String(s.schema)})`);
    const cells = this.table(s.cells);
    let rows: EvidenceRow[] | undefined;
    const evidence = (i: number) => {
      rows ??= ungz<EvidenceRow[]>(file.slice(0, -STORED_RUN.length) + EVIDENCE);
      const { build, ...rest } = rows[i]!;
      return build ? { ...rest, build: { ...this.build(build.ref), cached: build.cached, durationMs: build.durationMs } } : rest;
    };
    const { strings: str, columns: col } = s;
    // One literal per result (no per-field loops): hundreds of runs make millions of these.
    const results = cells.map((c, i): Result => {
      const r: Lazy = {
        key: c.key, suite: c.suite, case: c.case, language: c.language, target: c.target, variant: c.variant, runtime: c.runtime,
        runtimeLabel: c.runtimeLabel, features: c.features, status: str[col.status[i]!] as Result['status'], reason: str[col.reason[i]!]!,
        outcome: str[col.outcome[i]!] as Result['outcome'], runtimeVersion: str[col.runtimeVersion[i]!]!, toolchainVersion: str[col.toolchainVersion[i]!]!,
      } as Lazy;
      if (!opts.lazy) return { ...r, ...evidence(i) } as Result;
      r[LOAD] = evidence;
      r[INDEX] = i;
      return r;
    });
    return { schema: 'wasi-matrix/run@1', provenance: s.provenance, results, sources: Object.fromEntries(s.sources.map((sha) => [sha, this.text(sha)])) };
  }

  private table(sha: string): CellRow[] {
    let t = this.tables.get(sha);
    if (!t) this.tables.set(sha, (t = ungz<CellRow[]>(join(this.dir, 'cells', `${safe(sha)}.json.gz`))));
    return t;
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

/** A run from either kind of file: a plain run file, or a stored run read from its store folder. */
export function readAnyRun(file: string, readPlain: (file: string) => RunFile): RunFile {
  return basename(file).endsWith(STORED_RUN) ? new StoreReader(dirname(file)).read(file) : readPlain(file);
}
