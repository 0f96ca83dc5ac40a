import { execa } from 'execa';
import type { Detection, Located } from './types.ts';

/**
 * Detection for tools that no registry here ships: found on PATH with a version,
 * or UNAVAILABLE with the official route for machines that can reach it.
 */
export async function detectOnPath(where: Located, versionArgs: string[], pattern: RegExp, hint: string): Promise<Detection> {
  if (!where.binary) return { available: false, reason: where.missing ?? 'not on PATH', hint };
  const r = await execa(where.binary, versionArgs, { reject: false });
  const m = pattern.exec(`${r.stdout}\n${r.stderr}`);
  if (r.exitCode !== 0 || !m) return { available: false, reason: `\`${where.binary} ${versionArgs.join(' ')}\` failed`, hint };
  return { available: true, version: m[1]!, path: where.binary };
}
