import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { adapterTool, wrapAsCommand } from '../../src/adapter-wrap.ts';
import { npmTool } from '../../src/npm-bin.ts';
import { ROOT } from '../../src/paths.ts';
import type { Detection, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'ruby');
/** ruby.wasm's build with the standard library packed in (wasi-vfs), the one its README starts from. */
const INTERPRETER = 'dist/ruby+stdlib.wasm';
const NO_P3 = 'ruby.wasm ships WASI preview1 core modules only (its npm packages have no component build): no WASI 0.3 route';

/** A Ruby string literal holding `s` exactly: in single quotes only `\\` and `\'` are escapes. */
const literal = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The program `_start` evaluates: check.rb, then the guest, at top level under their own file
 * names; then the exit status real `ruby` would give (exit's status, 1 after an uncaught
 * exception, whose report goes to stderr), through exit!, which is proc_exit. It defines no
 * local variable: the guests share its top-level binding.
 */
function program(check: string, guest: string, name: string): string {
  return [
    '$0 = ARGV.shift',
    '$wasi_matrix_status = begin',
    `  eval(${literal(check)}, TOPLEVEL_BINDING, "check.rb", 1)`,
    `  eval(${literal(guest)}, TOPLEVEL_BINDING, ${literal(`${name}.rb`)}, 1)`,
    '  0',
    'rescue SystemExit',
    '  $!.status',
    'rescue Exception',
    '  $stderr.write($!.full_message(highlight: false))',
    '  1',
    'end',
    '$stdout.flush',
    '$stderr.flush',
    'exit!($wasi_matrix_status)',
    '',
  ].join('\n');
}

/**
 * CRuby as ruby.wasm builds it for WASI (npm `@ruby/<v>-wasm-wasi`): a guest is the interpreter
 * module with a Ruby script inside. The npm build is a reactor for a JS host; link.ts makes it a
 * WASI command, its JS-bridge imports turned into functions that trap, so the artifact imports WASI
 * alone. In 2.10.1 they are 24: 21 `rb-js-abi-host.*` (eval-js, global-this, reflect-get/set/apply,
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
    const main = await ctx.glue('program.rb', program(check, source, guest));
    const core = variant === 'adapter' ? join(ctx.tmpDir, 'core.wasm') : out;
    // Its own process: binaryen holds the whole interpreter (~450 MB) while it links.
    await ctx.exec(process.execPath, ['--import', 'tsx', join(here, 'link-cli.ts'), join(ctx.where.dir!, INTERPRETER), main, core], { cwd: ROOT });
    if (variant !== 'adapter') return { tools: ['binaryen.js (link.ts)'] };
    await wrapAsCommand(ctx, core, out);
    return { tools: ['binaryen.js (link.ts)', adapterTool()] };
  },
};

export default ruby;
