// Transpiles one component as `jco run` does before it runs it (same jco, same options), into a folder.
// Usage: node transpile.mjs <component.wasm> <out-dir> <name> <options-json>
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { transpile } from '@bytecodealliance/jco';

const [component, outDir, name, options] = process.argv.slice(2);
const { files } = await transpile(await readFile(component), { ...JSON.parse(options), name, outDir });
for (const [path, bytes] of Object.entries(files)) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}
