import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from './hash.ts';
import type { Result } from './types.ts';

/** The first line of a run's journal: which run, and which plan (by its cells), it records. */
export interface JournalHeader {
  journal: 'wasi-matrix/journal@1';
  runId: string;
  startedAt: string;
  plan: string;
}

/** What an interrupted run left: its header, the cells it finished, the sources they cite, earlier resumptions. */
export interface Journal {
  file: string;
  header: JournalHeader;
  results: Map<string, Result>;
  sources: Record<string, string[]>;
  resumed: { at: string; carried: number }[];
}

/** A plan is the same plan when it has the same cells; limits and flags may differ on a resume. */
export function planId(cellKeys: string[]): string {
  return sha256(JSON.stringify([...cellKeys].sort()));
}

/** Reads a journal; a line cut short by the crash that interrupted the run is dropped. */
export function readJournal(file: string): Journal | null {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const parsed = lines.flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
  const header = parsed[0] as Partial<JournalHeader> | undefined;
  if (header?.journal !== 'wasi-matrix/journal@1' || !header.plan || !header.runId || !header.startedAt) return null;
  const journal: Journal = { file, header: header as JournalHeader, results: new Map(), sources: {}, resumed: [] };
  for (const entry of parsed.slice(1)) {
    if (typeof entry.source === 'string' && Array.isArray(entry.lines)) journal.sources[entry.source] = entry.lines as string[];
    else if (typeof entry.resumed === 'string') journal.resumed.push({ at: entry.resumed, carried: Number(entry.carried) });
    else if (typeof entry.key === 'string') journal.results.set(entry.key, entry as unknown as Result);
  }
  return journal;
}

/** The newest journal in `dir` of an interrupted run of this plan, if any. */
export function findJournal(dir: string, plan: string): Journal | null {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.partial.jsonl'))
    .map((n) => join(dir, n))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const f of files) {
    const j = readJournal(f);
    if (j?.header.plan === plan) return j;
  }
  return null;
}
