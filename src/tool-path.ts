import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import which from 'which';

/**
 * A PATH holding only the named executables (links into a folder of the build's own): a compiler
 * driver that runs whatever it finds on PATH (clang runs any wasm-opt after linking) then sees only
 * what the recipe chose, so the artifact does not depend on what else the machine has installed.
 */
export async function toolPath(dir: string, tools: string[]): Promise<string> {
  const bin = join(dir, 'tool-path');
  await mkdir(bin, { recursive: true });
  for (const tool of tools) {
    const found = which.sync(tool, { nothrow: true });
    if (found) await symlink(found, join(bin, tool)).catch(() => undefined);
  }
  return bin;
}
