import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { npmTool } from './npm-bin.ts';

/** WASI releases whose WIT jco ships (lib/wit/builtin/<version>/wasi-*). */
export function witVersion(target: string): string | null {
  return target === 'p2' ? '0.2.12' : target === 'p3' ? '0.3.0' : null;
}

/**
 * A WIT folder for toolchains that need one (componentize-py, componentize-js):
 * a world including wasi:cli/command (or another base world, e.g. wasi:http/service) at the
 * target's WASI version (plus any extra
 * lines a guest asks for, e.g. an http import), with the WASI packages that jco ships
 * as its deps. Returns the folder and the world's name.
 */
export async function commandWorld(dir: string, version: string, extra: string[] = [], base = 'wasi:cli/command', deps?: string): Promise<{ dir: string; world: string }> {
  await witDeps(dir, version, deps);
  const body = [`include ${base}@${version};`, ...extra].map((l) => `  ${l}\n`).join('');
  await writeFile(join(dir, 'world.wit'), `package wasi-matrix:guest;\n\nworld command {\n${body}}\n`);
  return { dir, world: 'wasi-matrix:guest/command' };
}

/**
 * The WASI packages of a release copied into `dir/deps` for a WIT folder of one's own: jco's,
 * or, for a snapshot jco does not ship, a folder of its own (a crate's wit/deps).
 */
export async function witDeps(dir: string, version: string, deps?: string): Promise<void> {
  const jco = npmTool('@bytecodealliance/jco');
  if ('missing' in jco) throw new Error(jco.missing);
  const from = deps ?? join(jco.dir, 'lib', 'wit', 'builtin', version);
  await mkdir(join(dir, 'deps'), { recursive: true });
  for (const pkg of await readdir(from)) await cp(join(from, pkg), join(dir, 'deps', pkg), { recursive: true });
}
