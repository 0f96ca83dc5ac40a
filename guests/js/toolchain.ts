import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { npmTool } from '../../src/npm-bin.ts';
import { ROOT } from '../../src/paths.ts';
import type { Detection, Toolchain } from '../../src/types.ts';
import { commandWorld } from '../../src/wit.ts';

const here = join(ROOT, 'guests', 'js');
const WASI = '0.2.12';
// StarlingMonkey's http and fetch-event features pull in wasi:http at another 0.2 minor than the world.
const DISABLE = ['http', 'fetch-event'];

/**
 * wasi:cli/run calls the guest's main(); a non-zero result leaves through wasi:cli/exit's err.
 * An async main() (e.g. one awaiting fetch) gets an async run: componentize-js runs the event
 * loop until the returned promise settles.
 */
function entry(guestPath: string, async: boolean): string {
  return [
    `import { exit } from 'wasi:cli/exit@${WASI}';`,
    `import { main } from ${JSON.stringify(guestPath)};`,
    '',
    'export const run = {',
    `  ${async ? 'async run' : 'run'}() {`,
    `    if (${async ? '(await main())' : 'main()'} !== 0) exit({ tag: 'err', val: undefined });`,
    '  },',
    '};',
    '',
  ].join('\n');
}

/**
 * A guest asks for more than the command world in header lines, `// world: import …;`. One
 * importing wasi:http keeps StarlingMonkey's http feature (its fetch) switched on.
 */
async function guestWorld(path: string): Promise<{ extra: string[]; disable: string[]; async: boolean; serves?: string }> {
  const source = await readFile(path, 'utf8');
  const extra = [...source.matchAll(/^\/\/ world: (.*)$/gm)].map((m) => m[1]!);
  const http = extra.some((l) => l.includes('wasi:http/'));
  // `// serves: wasi:http/proxy` replaces the command: the guest exports the handler itself.
  const serves = /^\/\/ serves: (\S+)$/m.exec(source)?.[1];
  if (serves) return { extra, disable: DISABLE, async: false, serves };
  return { extra, disable: http ? DISABLE.filter((d) => d !== 'http') : DISABLE, async: /export async function main/.test(source) };
}

const js: Toolchain = {
  language: 'js',
  targets: {
    p1: { ok: false, reason: 'componentize-js emits components only' },
    p2: { ok: true },
    // Checked against the newest release, not only the pinned one: a pinned version's limit is not the tool's.
    p3: { ok: false, reason: 'componentize-js has no WASI 0.3 route: 0.23.0, the newest on npm on 2026-12-07 (0.22.0 is pinned here), embeds a StarlingMonkey engine that imports WASI 0.2.10 interfaces only (strings of lib/starlingmonkey_embedding.wasm: wasi:*@0.2.10, none @0.3)' },
  },

  async detect(): Promise<Detection> {
    const cjs = npmTool('@bytecodealliance/componentize-js');
    if ('missing' in cjs) return { available: false, reason: cjs.missing };
    const esb = npmTool('esbuild');
    if ('missing' in esb) return { available: false, reason: esb.missing };
    return { available: true, version: `componentize-js ${cjs.version} (StarlingMonkey) + esbuild ${esb.version}`, path: cjs.script };
  },

  async sources(guest) {
    const main = join(here, `${guest}.js`);
    if (!existsSync(main)) return [];
    const lib = (await readdir(join(here, 'lib'))).map((f) => join(here, 'lib', f));
    return [main, ...lib];
  },

  flags() {
    // Unchanged for served guests (their `// serves:` line, in the source, picks the world): cached builds stay valid.
    return [`world wasi:cli/command@${WASI}`, ...DISABLE.map((d) => `--disable ${d}`), '(http kept for guests importing wasi:http)'];
  },

  async build({ guest, out }, ctx) {
    const cjs = npmTool('@bytecodealliance/componentize-js');
    const esb = npmTool('esbuild');
    if ('missing' in cjs) throw new Error(cjs.missing);
    if ('missing' in esb) throw new Error(esb.missing);
    const main = join(here, `${guest}.js`);
    const world = await guestWorld(main);
    if (world.serves) await commandWorld(join(ctx.tmpDir, 'wit'), WASI, world.extra, world.serves);
    else {
      await ctx.glue('entry.js', entry(main, world.async));
      await commandWorld(join(ctx.tmpDir, 'wit'), WASI, world.extra);
    }
    // componentize-js takes one source file: bundle the guest and its helpers, WASI imports left as imports.
    await ctx.exec(esb.script, [world.serves ? main : 'entry.js', '--bundle', '--format=esm', '--external:wasi:*', '--outfile=bundle.js']);
    // Relative paths: the splicer runs under preview2-shim and sees the host through its preopens.
    await ctx.exec(process.execPath, [cjs.script, 'bundle.js', '--wit', 'wit', '-n', 'command', '-d', ...world.disable, '-o', out]);
    return { tools: ['esbuild', 'componentize-js'] };
  },
};

export default js;
