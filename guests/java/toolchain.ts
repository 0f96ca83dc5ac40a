import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import which from 'which';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { ROOT } from '../../src/paths.ts';
import type { BuildContext, Detection, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'java');
const FLAGS = ['teavm', 'WEBASSEMBLY_WASI', 'ADVANCED'];

/** Guest `readdir-large` is the class ReaddirLarge. */
const className = (guest: string) => guest.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

function jars(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.jar')).map((f) => join(dir, f));
}

/** javac, then TeaVM through our driver over the jars provisioning fetched from Maven Central. */
async function teavm(ctx: BuildContext, guest: string, out: string): Promise<void> {
  const classes = join(ctx.tmpDir, 'classes');
  const driver = join(ctx.tmpDir, 'driver');
  const target = join(ctx.tmpDir, 'out');
  const cp = jars(ctx.where.dir!).join(':');
  await mkdir(target, { recursive: true });
  const interop = jars(ctx.where.dir!).filter((j) => /teavm-interop-/.test(j));
  await ctx.exec('javac', ['--release', '17', '-cp', interop.join(':'), '-d', classes, join(here, `${className(guest)}.java`), join(here, 'Check.java'), join(here, 'Host.java')]);
  await ctx.exec('javac', ['-cp', cp, '-d', driver, join(here, 'driver', 'TeaVMBuild.java')]);
  await ctx.exec('java', ['-cp', `${cp}:${driver}`, 'TeaVMBuild', classes, className(guest), target, 'guest.wasm']);
  await copyFile(join(target, 'guest.wasm'), out);
}

const java: Toolchain = {
  language: 'java',
  targets: {
    p1: { ok: true },
    p2: { ok: true },
    p3: { ok: false, reason: "TeaVM's WASI backend emits preview1 core modules only" },
  },
  variants: { p2: ['adapter'] },

  async detect(where): Promise<Detection> {
    if (!where.dir) return { available: false, reason: where.missing ?? 'TeaVM is not fetched', hint: 'npm run provision' };
    if (!which.sync('javac', { nothrow: true })) return { available: false, reason: 'javac is not on PATH (TeaVM compiles Java bytecode)' };
    const tooling = readdirSync(where.dir).find((f) => /^teavm-tooling-.*\.jar$/.test(f));
    if (!tooling) return { available: false, reason: `${where.dir} lacks teavm-tooling`, hint: 'npm run provision' };
    const javac = await execa('javac', ['-version'], { reject: false });
    return { available: true, version: `teavm ${/^teavm-tooling-(.*)\.jar$/.exec(tooling)![1]} (${javac.stdout.trim()})`, path: where.dir };
  },

  async sources(guest) {
    const main = join(here, `${className(guest)}.java`);
    return existsSync(main) ? [main, join(here, 'Check.java'), join(here, 'Host.java'), join(here, 'driver', 'TeaVMBuild.java')] : [];
  },

  flags(_target, variant) {
    return variant === 'adapter' ? [...FLAGS, adapterTool()] : FLAGS;
  },

  async build({ guest, variant, out }, ctx) {
    if (variant === 'native') {
      await teavm(ctx, guest, out);
      return { tools: ['javac', 'teavm'] };
    }
    const core = join(ctx.tmpDir, 'core.wasm');
    await teavm(ctx, guest, core);
    await wrapAsCommand(ctx, core, out);
    return { tools: ['javac', 'teavm', adapterTool()] };
  },
};

export default java;
