import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { readRun } from './results.ts';
import { storeRun } from './store/compact.ts';
import type { RunFile } from './types.ts';

/**
 * What keeps a tree from being published: changed or untracked files outside reports/ (a guest or case
 * file not yet committed is measured but would not be in the commit). reports/ is what publishing writes.
 */
export async function unpublishable(root: string): Promise<string[]> {
  const r = await execa('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, reject: false });
  if (r.exitCode !== 0) return [`(git status failed: ${r.stderr.trim() || r.exitCode})`];
  return r.stdout.split('\n').filter(Boolean)
    .map((line) => ({ code: line.slice(0, 2), path: line.slice(3) }))
    .filter(({ path }) => !path.startsWith('reports/'))
    .map(({ code, path }) => `${code.trim()} ${path}`);
}

/** The commit HEAD names, or null outside git. */
export async function headSha(root: string): Promise<string | null> {
  const r = await execa('git', ['rev-parse', 'HEAD'], { cwd: root, reject: false });
  return r.exitCode === 0 ? r.stdout.trim() : null;
}

/**
 * Moves every run file of `runsDir` but the publication into the compact history store, so that the
 * pages read one run and the pages over time still see the others. Returns the files moved.
 */
export function archiveRuns(runsDir: string, historyDir: string, keep: RunFile): string[] {
  const moved: string[] = [];
  for (const name of readdirSync(runsDir).filter((n) => n.endsWith('.json')).sort()) {
    const file = join(runsDir, name);
    const run = readRun(file);
    if (run.provenance.runId === keep.provenance.runId) continue;
    storeRun(historyDir, run);
    rmSync(file);
    moved.push(relative(runsDir, file));
  }
  return moved;
}
