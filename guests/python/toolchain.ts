import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { execa } from 'execa';
import { ROOT } from '../../src/paths.ts';
import { baseTarget } from '../../src/plan.ts';
import type { Detection, Toolchain } from '../../src/types.ts';
import { commandWorld, witVersion } from '../../src/wit.ts';

/** Modules every guest may import, copied beside it. */
const HELPERS = ['check.py', 'peer.py'];
const here = join(ROOT, 'guests', 'python');
const ONLY_COMPONENTS = 'componentize-py emits components only (p2, p3)';

/** The export that calls a guest's main(); p3's wasi:cli/run is async, and so may main() be there. */
function entry(target: string): string {
  const p3 = baseTarget(target) === 'p3';
  return [
    ...(p3 ? ['import inspect'] : []),
    'import sys',
    'from wit_world import exports',
    'import guest',
    '',
    '',
    'class Run(exports.Run):',
    `    ${p3 ? 'async def' : 'def'} run(self) -> None:`,
    '        code = guest.main()',
    ...(p3 ? ['        if inspect.isawaitable(code):', '            code = await code'] : []),
    '        sys.stdout.flush()',
    '        if code:',
    '            sys.exit(code)',
    '',
  ].join('\n');
}

/**
 * The guest's source for a target: WASI 0.2 and 0.3 differ in shape (pollables and blocking
 * calls against async calls, streams and futures), so a guest may have a p2/ version of its own.
 */
function sourceFor(guest: string, target?: string): string {
  const p2 = join(here, 'p2', `${guest}.py`);
  return target === 'p2' && existsSync(p2) ? p2 : join(here, `${guest}.py`);
}

const python: Toolchain = {
  language: 'python',
  targets: { p1: { ok: false, reason: ONLY_COMPONENTS }, p2: { ok: true }, p3: { ok: true } },

  async detect(where): Promise<Detection> {
    if (!where.binary) return { available: false, reason: where.missing ?? 'componentize-py not found', hint: 'npm run provision' };
    const r = await execa(where.binary, ['--version'], { reject: false, env: { PYTHONPATH: dirname(dirname(where.binary)) } });
    const m = /componentize-py (\S+)/.exec(r.stdout);
    if (!m) return { available: false, reason: `\`componentize-py --version\` failed: ${r.stderr.split('\n')[0]}` };
    return { available: true, version: `componentize-py ${m[1]}`, path: where.binary };
  },

  async sources(guest, target) {
    const files = target ? [sourceFor(guest, target)] : [join(here, `${guest}.py`), join(here, 'p2', `${guest}.py`)];
    const found = files.filter((f) => existsSync(f));
    return found.length ? [...found, ...HELPERS.map((h) => join(here, h))] : [];
  },

  flags(target) {
    return [`world wasi:cli/command@${witVersion(target) ?? target}`];
  },

  async build({ guest, target, out, wasi, witDir }, ctx) {
    const app = join(ctx.tmpDir, 'app');
    const main = sourceFor(guest, target);
    const source = await readFile(main, 'utf8');
    // A guest that needs more than the command world says so in header lines:
    // `# world: import …;` adds to the world, `# serves: wasi:http/service` replaces the command.
    const extra = [...source.matchAll(/^# world: (.*)$/gm)].map((m) => m[1]!);
    const serves = /^# serves: (\S+)$/m.exec(source)?.[1];
    const version = wasi ?? witVersion(target);
    if (!version) throw new Error(`matrix.yaml names no WASI version for target ${target}`);
    const wit = await commandWorld(join(ctx.tmpDir, 'wit'), version, extra, serves, witDir && join(witDir, 'wit', 'deps'));
    await mkdir(app, { recursive: true });
    for (const h of HELPERS) await copyFile(join(here, h), join(app, h));
    // A server guest exports its handler itself; a command guest gets the run() entry.
    if (serves) await copyFile(main, join(app, 'app.py'));
    else {
      await copyFile(main, join(app, 'guest.py'));
      await ctx.glue('app/app.py', entry(target));
    }
    const bin = ctx.where.binary!;
    await ctx.exec(bin, ['-d', wit.dir, '-w', wit.world, 'componentize', '-p', app, 'app', '-o', out], {
      env: { PYTHONPATH: dirname(dirname(bin)), RUST_BACKTRACE: '0' },
    });
    return { tools: ['componentize-py', `WASI WIT ${version} from ${witDir ? basename(dirname(witDir)) : 'jco'}`] };
  },
};

export default python;
