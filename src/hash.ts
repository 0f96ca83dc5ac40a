import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function fileSha256(path: string): Promise<string> {
  return sha256(await readFile(path));
}

export interface BuildKeyInput {
  language: string;
  toolchainVersion: string;
  target: string;
  flags: string[];
  /** Absolute paths of the guest's sources. */
  files: string[];
  root: string;
}

/** Content address of a build: sources (by path and bytes), toolchain version, target, flags. */
export async function buildKey(k: BuildKeyInput): Promise<string> {
  const files = await Promise.all(
    [...k.files].sort().map(async (f) => [relative(k.root, f), await fileSha256(f)] as const),
  );
  return sha256(
    JSON.stringify({ language: k.language, version: k.toolchainVersion, target: k.target, flags: k.flags, files }),
  );
}
