import cliProgress from 'cli-progress';
import type { Result } from './types.ts';

export interface Progress {
  tick(r: Result, done: number): void;
  stop(): void;
}

/** A live bar on a terminal; on CI logs, a line at every tenth of the cells. */
export function progress(total: number, label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} cells | {elapsed}s | {last}`, stream, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { last: '' });
    return {
      tick: (r, done) => bar.update(done, { last: `${r.status} ${r.key}`.slice(0, 60) }),
      stop: () => bar.stop(),
    };
  }
  const step = Math.max(1, Math.ceil(total / 10));
  return {
    tick: (_r, done) => {
      if (done % step === 0 || done === total) stream.write(`${label}: ${done}/${total} cells (${elapsed()})\n`);
    },
    stop: () => undefined,
  };
}
