import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { npmTool } from '../../src/npm-bin.ts';
import { ROOT } from '../../src/paths.ts';
import type { Detection, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'wat');
const CORE_ONLY = 'the probes are core modules: they test the engine, not the component model';

/** Hand-written .wat probes of core proposals, parsed by wasm-tools (as jco ships it). */
const wat: Toolchain = {
  language: 'wat',
  targets: { p1: { ok: true }, p2: { ok: false, reason: CORE_ONLY }, p3: { ok: false, reason: CORE_ONLY } },

  async detect(): Promise<Detection> {
    const jco = npmTool('@bytecodealliance/jco');
    if ('missing' in jco) return { available: false, reason: jco.missing };
    return { available: true, version: `wasm-tools parse (jco ${jco.version})`, path: jco.script };
  },

  async sources(guest) {
    const file = join(here, `${guest}.wat`);
    return existsSync(file) ? [file] : [];
  },

  flags: () => [],

  async build({ guest, out }, ctx) {
    const jco = npmTool('@bytecodealliance/jco');
    if ('missing' in jco) throw new Error(jco.missing);
    await ctx.exec(process.execPath, [jco.script, 'parse', join(here, `${guest}.wat`), '-o', out]);
    return { tools: ['wasm-tools parse'] };
  },
};

export default wat;
