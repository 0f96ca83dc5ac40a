import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { npmTool } from '../../src/npm-bin.ts';
import { ROOT } from '../../src/paths.ts';
import type { Detection, Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'wat');
const CORE_ONLY = 'the probes are core modules: they test the engine, not the component model';
const REPORT = join(here, 'lib', 'report.wat');
const MARK = /^[ \t]*;; @report(?: (i32|i64))?[ \t]*$/m;

/** The probe with lib/report.wat put in at its `;; @report [i64]` line, in that memory's index type. */
async function withReport(probe: string): Promise<string> {
  const m = MARK.exec(probe);
  if (!m) return probe;
  const addr = m[1] ?? 'i32';
  const helper = (await readFile(REPORT, 'utf8'))
    .replace(/\bADDR\b/g, addr)
    .replace(/\(WASI_PTR /g, addr === 'i64' ? '(i32.wrap_i64 ' : '(block (result i32) ');
  return probe.slice(0, m.index) + helper + probe.slice(m.index + m[0].length);
}

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
    return existsSync(file) ? [file, REPORT] : [];
  },

  flags: () => [],

  async build({ guest, out }, ctx) {
    const jco = npmTool('@bytecodealliance/jco');
    if ('missing' in jco) throw new Error(jco.missing);
    const probe = await ctx.glue(`${guest}.wat`, await withReport(await readFile(join(here, `${guest}.wat`), 'utf8')));
    await ctx.exec(process.execPath, [jco.script, 'parse', probe, '-o', out]);
    return { tools: ['wasm-tools parse'] };
  },
};

export default wat;
