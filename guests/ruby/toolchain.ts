import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { sha256 } from '../../src/hash.ts';
import { npmTool } from '../../src/npm-bin.ts';
import { ROOT } from '../../src/paths.ts';
import { artifactSha, prepared } from '../../src/prepared.ts';
import type { BuildContext, Detection, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'ruby');
/** ruby.wasm's build with the standard library packed in (wasi-vfs), the one its README starts from. */
const INTERPRETER = 'dist/ruby+stdlib.wasm';
const NO_P3 = 'ruby.wasm ships WASI preview1 core modules only (its npm packages have no component build): no WASI 0.3 route';

/** A Ruby string literal holding `s` exactly: in single quotes only `\\` and `\'` are escapes. */
const literal = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The program given to the interpreter as `-e`: check.rb, then the guest, at top level under their
 * own file names. The interpreter's bootstrap (link.ts BOOTSTRAP) gives the exit status real `ruby`
 * would (exit's status, 1 after an uncaught exception) and sets $0 to WASI's argv[0]. It defines no
 * local variable: the guests share its top-level binding.
 */
export function program(check: string, guest: string, name: string): string {
  return [
    `eval(${literal(check)}, TOPLEVEL_BINDING, "check.rb", 1)`,
    `eval(${literal(guest)}, TOPLEVEL_BINDING, ${literal(`${name}.rb`)}, 1)`,
    '',
  ].join('\n');
}

/**
 * A single argument well under Linux's MAX_ARG_STRLEN (128 KiB), which bounds the runtime's own
 * command line; WASI itself puts no limit on argv (args_sizes_get reports what the host holds).
 */
const MAX_PROGRAM_BYTES = 64 * 1024;

/**
 * The interpreter as a WASI command (p1), or wrapped by the preview1 adapter (p2): made once per
 * interpreter, link.ts and tool versions, and the same bytes for every guest, kept in the cache
 * (`ruby-interpreter/<key>/interpreter.wasm`). The build that makes it records the steps.
 */
async function interpreter(variant: string, ctx: BuildContext): Promise<string> {
  const core = join(ctx.where.dir!, INTERPRETER);
  const link = await Promise.all(['link.ts', 'link-cli.ts'].map(async (f) => sha256(await readFile(join(here, f)))));
  const binaryen = npmTool('binaryen');
  const parts = { interpreter: await artifactSha(core), link, binaryen: 'missing' in binaryen ? 'missing' : binaryen.version };
  const p1 = await prepared('ruby-interpreter', { ...parts, variant: 'native' }, async (dir) => {
    // Its own process: binaryen holds the whole interpreter (~450 MB) while it links.
    await ctx.exec(process.execPath, ['--import', 'tsx', join(here, 'link-cli.ts'), core, join(dir, 'interpreter.wasm')], { cwd: ROOT });
  });
  if (variant !== 'adapter') return join(p1.dir, 'interpreter.wasm');
  const p2 = await prepared('ruby-interpreter', { ...parts, variant, adapter: adapterTool() }, async (dir) => {
    await wrapAsCommand(ctx, join(p1.dir, 'interpreter.wasm'), join(dir, 'interpreter.wasm'));
  });
  return join(p2.dir, 'interpreter.wasm');
}

/**
 * CRuby as ruby.wasm builds it for WASI (npm `@ruby/<v>-wasm-wasi`): a guest is the interpreter,
 * the same artifact for every guest, run as `<argv0> -e <program> <case args…>` (the build's
 * argsBefore), as one runs `ruby -e`: a runtime compiles the interpreter once and reuses it from its
 * cache for every Ruby cell. The guest's sources still key its build and are recorded with it. The
 * npm build is a reactor for a JS host; link.ts makes it a WASI command, its JS-bridge imports
 * turned into functions that trap, so the artifact imports WASI alone. In 2.10.1 they are 24: 21 `rb-js-abi-host.*` (eval-js, global-this, reflect-get/set/apply,
 * the JS value conversions, rb_wasm_throw_prohibit_rewind_exception) and 3 `canonical_abi.*`
 * (resource_new/get_rb-abi-value, resource_drop_js-abi-value). None is reached unless a program
 * loads the js extension (`require "js"`) or a host sets rb-set-should-prohibit-rewind, neither of
 * which happens here. The build log lists each one stubbed.
 */
const ruby: Toolchain = {
  language: 'ruby',
  targets: { p1: { ok: true }, p2: { ok: true }, p3: { ok: false, reason: NO_P3 } },
  // No component of its own: p2 means wrapping the linked core module.
  variants: { p2: ['adapter'] },

  async detect(where): Promise<Detection> {
    if (!where.dir) return { available: false, reason: where.missing ?? 'ruby.wasm not fetched', hint: 'npm run provision' };
    const interpreter = join(where.dir, INTERPRETER);
    if (!existsSync(interpreter)) return { available: false, reason: `${where.source.kind === 'npm-pack' ? where.source.package : 'the package'} has no ${INTERPRETER}` };
    const pkg = where.source.kind === 'npm-pack' ? where.source.package : '';
    return { available: true, version: `ruby.wasm ${pkg}@${where.version}`, path: interpreter };
  },

  async sources(guest) {
    const main = join(here, `${guest}.rb`);
    return existsSync(main) ? [main, ...['check.rb', 'link.ts', 'link-cli.ts'].map((f) => join(here, f))] : [];
  },

  flags(_target, variant) {
    const binaryen = npmTool('binaryen');
    const link = [INTERPRETER, `binaryen ${'missing' in binaryen ? '(missing)' : binaryen.version}`, 'JS bridge stubbed (traps)'];
    return variant === 'adapter' ? [...link, adapterTool()] : link;
  },

  async build({ guest, variant, out }, ctx) {
    const [check, source] = await Promise.all([readFile(join(here, 'check.rb'), 'utf8'), readFile(join(here, `${guest}.rb`), 'utf8')]);
    const text = program(check, source, guest);
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_PROGRAM_BYTES) throw new Error(`the program of ${guest} is ${bytes} bytes, over the ${MAX_PROGRAM_BYTES} one argument may carry here`);
    await ctx.glue('program.rb', text);
    const made = await interpreter(variant, ctx);
    await ctx.exec('cp', [made, out]);
    const tools = variant === 'adapter' ? ['binaryen.js (link.ts)', adapterTool()] : ['binaryen.js (link.ts)'];
    return { tools, argsBefore: ['-e', text] };
  },
};

export default ruby;
