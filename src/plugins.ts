import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuntimeAdapter, Toolchain } from './types.ts';

async function load<T>(file: string, what: string): Promise<T> {
  if (!existsSync(file)) throw new Error(`${what}: no file ${file}`);
  const mod = (await import(pathToFileURL(file).href)) as { default?: T };
  if (!mod.default) throw new Error(`${what}: ${file} has no default export`);
  return mod.default;
}

/** runtimes/<id>/adapter.ts — adding a runtime is one folder. */
export function loadAdapter(root: string, id: string): Promise<RuntimeAdapter> {
  return load(join(root, 'runtimes', id, 'adapter.ts'), `runtime "${id}"`);
}

/** guests/<language>/toolchain.ts — adding a language is one folder. */
export function loadToolchain(root: string, language: string): Promise<Toolchain> {
  return load(join(root, 'guests', language, 'toolchain.ts'), `language "${language}"`);
}
