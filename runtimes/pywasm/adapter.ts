import { dirname, join } from 'node:path';
import { execa } from 'execa';
import type { Detection, Located, RawOutcome, RuntimeAdapter } from '../../src/types.ts';

const NO_COMPONENTS = 'pywasm implements WASI preview1 for core modules; it has no component-model support';

/** The folder pip installed pywasm into: the parent of the package file matrix.yaml names. */
const pythonPath = (where: Located) => dirname(dirname(where.binary!));

/**
 * pywasm, a pure-Python interpreter, run through its library from host.py: its own `python3 -m pywasm`
 * entry parses the guest's arguments with argparse, which turns an argument `--` into a list.
 */
const pywasm: RuntimeAdapter = {
  id: 'pywasm',
  targets: { p1: { ok: true }, p2: { ok: false, reason: NO_COMPONENTS }, p3: { ok: false, reason: NO_COMPONENTS } },

  // The distribution's version: the module's own `pywasm.version` lags it (2.2.3 says 2.2.1).
  async detect(where): Promise<Detection> {
    if (!where.binary) return { available: false, reason: where.missing ?? 'pywasm not installed', hint: 'npm run provision (pip install pywasm)' };
    const r = await execa('python3', ['-c', "import importlib.metadata as m; print(m.version('pywasm'))"], {
      reject: false,
      env: { PYTHONPATH: pythonPath(where) },
    });
    if (r.exitCode !== 0) return { available: false, reason: `python3 cannot import pywasm from ${pythonPath(where)}: ${r.stderr}` };
    return { available: true, version: r.stdout.trim(), path: pythonPath(where) };
  },

  command(inv, where) {
    const spec = { module: inv.artifact, args: inv.args, env: inv.env, dirs: Object.fromEntries(inv.preopens.map((p) => [p.guest, p.host])) };
    return {
      file: 'python3', args: [join(import.meta.dirname, 'host.py'), JSON.stringify(spec)],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONPATH: pythonPath(where) }, flags: inv.extraFlags,
    };
  },

  // A trap or a missing import is a Python exception escaping the interpreter loop; `unreachable`
  // is the interpreter's own `assert 0`.
  normalize(raw: RawOutcome): RawOutcome {
    if (raw.exitCode === 0 || !raw.stderr.includes('Traceback (most recent call last)')) return raw;
    const lines = raw.stderr.trim().split('\n');
    const last = lines.at(-1)!;
    if (last === 'AssertionError' && lines.at(-2)?.trim() === 'assert 0') return { ...raw, trap: 'unreachable' };
    return /unreachable|out of bounds|divide|overflow|undefined element|indirect call/i.test(last)
      ? { ...raw, trap: last }
      : { ...raw, internalError: last };
  },
};

export default pywasm;
