import type { RuntimePerf } from '../../src/perf-plugins.ts';

/**
 * Beside the plain `run` (which uses wasmtime's code cache): the module compiled ahead of time by
 * `wasmtime compile` and run with --allow-precompiled (instantiation alone), and `run -C cache=n`
 * (compiled afresh on every start).
 */
const perf: RuntimePerf = {
  variants(cmd, artifact, outDir) {
    const at = cmd.args.indexOf(artifact);
    if (cmd.args[0] !== 'run' || at < 0) return [];
    const cwasm = `${outDir}/guest.cwasm`;
    const opts = cmd.args.slice(1, at);
    const rest = cmd.args.slice(at + 1);
    return [
      {
        name: 'precompiled',
        prepare: { ...cmd, args: ['compile', ...opts.filter((o) => o.startsWith('-W')), artifact, '-o', cwasm] },
        run: { ...cmd, args: ['run', '--allow-precompiled', ...opts, cwasm, ...rest] },
      },
      { name: 'no-cache', run: { ...cmd, args: ['run', '-C', 'cache=n', ...opts, artifact, ...rest] } },
    ];
  },
};

export default perf;
