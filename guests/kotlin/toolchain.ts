import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import which from 'which';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { ROOT } from '../../src/paths.ts';
import type { BuildContext, Detection, Toolchain } from '../../src/types.ts';
import { reactorAsCommand } from './command-export.ts';

const here = join(ROOT, 'guests', 'kotlin');
const P1_ONLY = "Kotlin/Wasm's wasi target emits a wasip1 core module using WasmGC; the preview1 adapter makes WASI 0.2 components of such modules, not 0.3";

/** The compiler jar and the WASI stdlib klib in the folder provisioning fetched from Maven Central. */
function parts(dir: string): { jars: string[]; stdlib?: string; version?: string } {
  const files = readdirSync(dir);
  const compiler = files.find((f) => /^kotlin-compiler-embeddable-.*\.jar$/.test(f));
  const stdlib = files.find((f) => /^kotlin-stdlib-wasm-wasi-.*\.klib$/.test(f));
  return {
    jars: files.filter((f) => f.endsWith('.jar')).map((f) => join(dir, f)),
    ...(stdlib ? { stdlib: join(dir, stdlib) } : {}),
    ...(compiler ? { version: /^kotlin-compiler-embeddable-(.*)\.jar$/.exec(compiler)![1]! } : {}),
  };
}

/** Drives the compiler's main class directly (no Gradle: its distribution is not on our registries). */
async function kotlinc(ctx: BuildContext, args: string[]): Promise<void> {
  const { jars } = parts(ctx.where.dir!);
  // 2.4+ has its own Wasm entry point; 2.3 compiles Wasm through the JS one.
  const main = jars.some((j) => /kotlin-compiler-embeddable-(2\.[4-9]|[3-9])/.test(j))
    ? 'org.jetbrains.kotlin.cli.js.KotlinWasmCompiler'
    : 'org.jetbrains.kotlin.cli.js.K2JSCompiler';
  await ctx.exec('java', ['-Xss8m', '-cp', jars.join(':'), main, '-Xwasm', '-Xwasm-target=wasm-wasi', ...args]);
}

const kotlin: Toolchain = {
  language: 'kotlin',
  targets: { p1: { ok: true }, p2: { ok: true }, p3: { ok: false, reason: P1_ONLY } },
  // p2 is the preview1 module wrapped by the preview1 adapter, as for Go, Zig and Java.
  variants: { p2: ['adapter'] },
  // Every module uses WasmGC, typed function references and the exnref form of exception handling.
  proposals: ['gc', 'exnref'],

  async detect(where): Promise<Detection> {
    if (!where.dir) return { available: false, reason: where.missing ?? 'the Kotlin compiler is not fetched', hint: 'npm run provision' };
    if (!which.sync('java', { nothrow: true })) return { available: false, reason: 'java is not on PATH (the Kotlin compiler runs on a JVM)' };
    const { stdlib, version } = parts(where.dir);
    if (!stdlib || !version) return { available: false, reason: `${where.dir} lacks the compiler jar or kotlin-stdlib-wasm-wasi klib`, hint: 'npm run provision' };
    const java = await execa('java', ['-version'], { reject: false });
    const jvm = /version "([^"]+)"/.exec(java.stderr)?.[1] ?? '?';
    return { available: true, version: `kotlinc ${version} (JVM ${jvm})`, path: where.dir };
  },

  async sources(guest) {
    const main = join(here, `${guest}.kt`);
    return existsSync(main) ? [main, join(here, 'wasi.kt'), join(here, 'check.kt'), join(here, 'command-export.ts')] : [];
  },

  flags(_target, variant) {
    const kotlinc = ['-Xwasm', '-Xwasm-target=wasm-wasi'];
    return variant === 'adapter' ? [...kotlinc, adapterTool()] : kotlinc;
  },

  async build({ guest, variant, out }, ctx) {
    const { stdlib } = parts(ctx.where.dir!);
    const klib = join(ctx.tmpDir, 'klib');
    const wasm = join(ctx.tmpDir, 'wasm');
    // Two steps, as the Gradle plugin does them: sources → klib, then klib + stdlib → one module.
    await kotlinc(ctx, ['-libraries', stdlib!, '-ir-output-dir', klib, '-ir-output-name', guest, '-Xir-produce-klib-dir',
      join(here, `${guest}.kt`), join(here, 'wasi.kt'), join(here, 'check.kt')]);
    await kotlinc(ctx, ['-libraries', stdlib!, '-ir-output-dir', wasm, '-ir-output-name', guest, '-Xir-produce-js', `-Xinclude=${klib}`]);
    const core = variant === 'adapter' ? join(ctx.tmpDir, 'core.wasm') : out;
    await writeFile(core, reactorAsCommand(await readFile(join(wasm, `${guest}.wasm`))));
    if (variant !== 'adapter') return { tools: ['kotlinc', 'java'] };
    await wrapAsCommand(ctx, core, out);
    return { tools: ['kotlinc', 'java', adapterTool()] };
  },
};

export default kotlin;
