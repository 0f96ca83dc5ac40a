import { randomBytes } from 'node:crypto';
import { cpus, hostname, totalmem } from 'node:os';
import { execa } from 'execa';
import type { Provenance } from './types.ts';

export function newRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
}

export async function gitState(root: string): Promise<{ sha: string | null; dirty: boolean }> {
  const sha = await execa('git', ['rev-parse', 'HEAD'], { cwd: root, reject: false });
  // Tracked changes only: the run's own journal is an untracked file in reports/runs.
  const status = await execa('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, reject: false });
  return { sha: sha.exitCode === 0 ? sha.stdout.trim() : null, dirty: status.exitCode === 0 && status.stdout.trim() !== '' };
}

export function hostInfo(): Provenance['host'] {
  return {
    hostname: hostname(),
    platform: process.platform,
    arch: process.arch,
    cpus: cpus().length,
    memoryBytes: totalmem(),
    node: process.version,
  };
}
