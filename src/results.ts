import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Journal, JournalHeader } from './resume.ts';
import type { Provenance, Result, RunFile } from './types.ts';

/** Write-then-rename: a reader never sees half a file. */
export function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * One run's results: each finished cell is appended to a journal at once, so a
 * crash loses nothing and a later run can resume from it (src/resume.ts); `close`
 * writes the run file atomically and drops the journal.
 */
export class RunRecorder {
  readonly file: string;
  readonly journal: string;
  private readonly results: Result[] = [];
  private readonly sources: Record<string, string[]> = {};
  private readonly resumed: { at: string; carried: number }[] = [];

  /** With `from`, the interrupted run's journal is kept and appended to, its cells carried over. */
  constructor(dir: string, runId: string, header?: Omit<JournalHeader, 'journal' | 'runId'>, from?: Journal) {
    this.file = join(dir, `${runId}.json`);
    this.journal = join(dir, `${runId}.partial.jsonl`);
    mkdirSync(dir, { recursive: true });
    if (from) {
      this.results.push(...from.results.values());
      Object.assign(this.sources, from.sources);
      this.resumed.push(...from.resumed, { at: new Date().toISOString(), carried: from.results.size });
      appendFileSync(this.journal, `${JSON.stringify({ resumed: this.resumed.at(-1)!.at, carried: from.results.size })}\n`);
    } else if (header) {
      writeFileSync(this.journal, `${JSON.stringify({ journal: 'wasi-matrix/journal@1', runId, ...header })}\n`);
    }
  }

  addSource(sha256: string, lines: string[]): void {
    if (this.sources[sha256]) return;
    this.sources[sha256] = lines;
    appendFileSync(this.journal, `${JSON.stringify({ source: sha256, lines })}\n`);
  }

  add(r: Result): void {
    this.results.push(r);
    appendFileSync(this.journal, `${JSON.stringify(r)}\n`);
  }

  close(provenance: Provenance): RunFile {
    const prov = this.resumed.length ? { ...provenance, resumed: this.resumed } : provenance;
    const run: RunFile = { schema: 'wasi-matrix/run@1', provenance: prov, results: sortResults(this.results), sources: this.sources };
    writeAtomic(this.file, `${JSON.stringify(run, null, 1)}\n`);
    rmSync(this.journal, { force: true });
    return run;
  }
}

export function sortResults(rs: Result[]): Result[] {
  return [...rs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function readRun(file: string): RunFile {
  const run = JSON.parse(readFileSync(file, 'utf8')) as RunFile;
  if (run.schema !== 'wasi-matrix/run@1') throw new Error(`${file}: not a wasi-matrix run file (schema ${String(run.schema)})`);
  return run;
}

/**
 * Shards of one plan merge by union of their cells. A cell present in two shards
 * must agree on its status, or the merge refuses: that is a flaky cell, not a merge.
 */
export function mergeRuns(runs: RunFile[], runId: string): RunFile {
  if (runs.length === 0) throw new Error('nothing to merge');
  const byKey = new Map<string, Result>();
  for (const run of runs) {
    for (const r of run.results) {
      const prev = byKey.get(r.key);
      if (prev && prev.status !== r.status) {
        throw new Error(`cell ${r.key} is ${prev.status} in one shard and ${r.status} in another`);
      }
      byKey.set(r.key, prev ?? r);
    }
  }
  const provs = runs.map((r) => r.provenance);
  const tools = new Map(provs.flatMap((p) => p.tools).map((t) => [`${t.kind}:${t.id}:${t.version}`, t]));
  const first = provs[0]!;
  const { shard: _shard, ...rest } = first;
  return {
    schema: 'wasi-matrix/run@1',
    provenance: {
      ...rest,
      runId,
      startedAt: provs.map((p) => p.startedAt).sort()[0]!,
      finishedAt: provs.map((p) => p.finishedAt).sort().at(-1)!,
      tools: [...tools.values()],
    },
    results: sortResults([...byKey.values()]),
    sources: Object.assign({}, ...runs.map((r) => r.sources ?? {})),
  };
}
