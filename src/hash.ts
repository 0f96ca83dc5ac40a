import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { relative } from 'node:path';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Streamed: artifacts run to tens of MB, and a whole-file buffer would stay in the runner's RSS (which every spawn pays for). */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
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
