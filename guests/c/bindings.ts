import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { witDeps } from '../../src/wit.ts';
import type { BuildContext, Located } from '../../src/types.ts';

// WASI interfaces wasi-libc does not bind (wasi:http): a guest names them in header lines,
// `// bindings: import wasi:http/outgoing-handler@0.2.12;`, and wit-bindgen's C generator makes
// their bindings at build time, over the WIT jco ships for that release.

const WASI = '0.2.12';

/** wit-bindgen-cli from crates.io (matrix.yaml `also:`). */
export function witBindgen(where: Located): Located | undefined {
  return where.also?.find((l) => l.source.kind === 'cargo' && l.source.crate === 'wit-bindgen-cli');
}

export async function bindingLines(src: string): Promise<string[]> {
  return [...(await readFile(src, 'utf8')).matchAll(/^\/\/ bindings: (.*)$/gm)].map((m) => m[1]!);
}

/** What the generated bindings add to a build: their header folder, C glue and component-type object. */
export interface Bindings {
  include: string;
  glue: string;
  componentType: string;
  /** The guest exports an interface: it is a reactor (no main). */
  exports: boolean;
}

/** Generates the bindings of a world holding `lines` for `guest` (C and C++ guests alike). */
export async function generate(ctx: BuildContext, guest: string, lines: string[]): Promise<Bindings> {
  const tool = witBindgen(ctx.where);
  if (!tool?.binary) throw new Error(`wit-bindgen is not installed: ${tool?.missing ?? 'matrix.yaml names none for C'}`);
  const wit = join(ctx.tmpDir, 'wit');
  await witDeps(wit, WASI);
  await writeFile(join(wit, 'world.wit'), `package wasi-matrix:guest;\n\nworld ${guest} {\n${lines.map((l) => `  ${l}\n`).join('')}}\n`);
  const out = join(ctx.tmpDir, 'bindings');
  await ctx.exec(tool.binary, ['c', wit, '--world', guest, '--out-dir', out]);
  const stem = guest.replaceAll('-', '_');
  return { include: out, glue: join(out, `${stem}.c`), componentType: join(out, `${stem}_component_type.o`), exports: lines.some((l) => l.startsWith('export ')) };
}
