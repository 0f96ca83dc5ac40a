import cliProgress from 'cli-progress';
import { durations, formatMs, wallMs } from './estimate.ts';
import type { Result } from './types.ts';

export interface Progress {
  /** A cell got a slot and its runtime starts (again, for a retry: the first start counts). */
  start(key: string): void;
  end(r: Result): void;
  stop(): void;
}

export interface ProgressOptions {
  /** The cells that will run: gated cells and cells carried over by --resume take no time and are not counted. */
  keys: string[];
  /** Each cell's last run time (timings.json), for the ETA. */
  timings: Map<string, number>;
  jobs: number;
  label: string;
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  now?: () => number;
  /** On a log (not a terminal), the longest silence between two lines. */
  quietMs?: number;
}

/**
 * What the run is doing: cells run of those that will, the cells in flight (longest first) with
 * their time so far, and an ETA from the remaining cells' last run times. A live bar on a terminal;
 * on a CI log a line at every tenth of the cells and at least every 30 s, so a long cell shows.
 */
export function progress(o: ProgressOptions): Progress {
  const stream = o.stream ?? process.stderr;
  const now = o.now ?? (() => performance.now());
  const total = o.keys.length;
  const pending = new Set(o.keys);
  const running = new Map<string, number>();
  // This run's times join the file's: the median assumed for untimed cells then follows this machine.
  const timings = new Map(o.timings);
  const t0 = now();

  const eta = () => {
    const d = durations(o.keys, timings);
    const left = [...pending].map((k) => {
      const ms = d.of(k);
      const started = running.get(k);
      return ms === undefined || started === undefined ? ms : Math.max(0, ms - (now() - started));
    });
    const ms = wallMs(left, o.jobs);
    return ms === undefined ? 'ETA unknown' : `ETA ~${formatMs(ms)}`;
  };
  /** The `shown` longest-running cells (one fits beside a bar, three on a log line). */
  const inFlight = (shown: number) => {
    if (!running.size) return 'no cell running (guests building)';
    const longest = [...running].sort((a, b) => a[1] - b[1]);
    const names = longest.slice(0, shown).map(([k, t]) => `${k} (${formatMs(now() - t)})`).join(', ');
    return `running ${names}${running.size > shown ? ` +${running.size - shown} more` : ''}`;
  };
  const done = () => total - pending.size;
  const begin = (key: string) => {
    if (pending.has(key) && !running.has(key)) running.set(key, now());
  };
  /** False for a cell that is not counted (gated, carried over). */
  const finish = (r: Result) => {
    if (!pending.delete(r.key)) return false;
    running.delete(r.key);
    if (r.durations.runMs > 0) timings.set(r.key, r.durations.runMs);
    return true;
  };

  if (!total) return { start: () => undefined, end: () => undefined, stop: () => undefined };

  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${o.label} [{bar}] {value}/{total} cells | {eta_text} | {in_flight}`, stream: stream as NodeJS.WriteStream, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    const payload = () => ({ eta_text: eta(), in_flight: inFlight(1) });
    bar.start(total, 0, payload());
    // The times in flight grow between events.
    const timer = setInterval(() => bar.update(done(), payload()), 1000).unref();
    return {
      start: (key) => {
        begin(key);
        bar.update(done(), payload());
      },
      end: (r) => {
        if (finish(r)) bar.update(done(), payload());
      },
      stop: () => {
        clearInterval(timer);
        bar.stop();
      },
    };
  }

  const step = Math.max(1, Math.ceil(total / 10));
  let last = t0;
  const line = () => {
    last = now();
    const n = done();
    stream.write(`${o.label}: ${n}/${total} cells run (${Math.floor((100 * n) / total)}%, ${formatMs(last - t0)}) | ${n === total ? 'done' : `${eta()} | ${inFlight(3)}`}\n`);
  };
  const quietMs = o.quietMs ?? 30_000;
  const timer = setInterval(() => {
    if (now() - last >= quietMs) line();
  }, 1000).unref();
  return {
    start: begin,
    end: (r) => {
      if (finish(r) && (done() % step === 0 || done() === total)) line();
    },
    stop: () => clearInterval(timer),
  };
}
