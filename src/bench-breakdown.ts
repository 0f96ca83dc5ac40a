import type { Result, RunFile } from './types.ts';

/** Seconds a run spent by phase. A TIMEOUT's run counts as `timeouts`, a retry's discarded run as `retries`. */
export interface Phases {
  cells: number;
  build: number;
  prepare: number;
  run: number;
  retries: number;
  timeouts: number;
  total: number;
}

function phases(rs: Result[]): Phases {
  const s = (f: (r: Result) => number) => +(rs.reduce((n, r) => n + f(r), 0) / 1000).toFixed(1);
  const p = {
    cells: rs.length,
    build: s((r) => r.durations.buildMs),
    prepare: s((r) => r.durations.prepareMs ?? 0),
    run: s((r) => (r.status === 'TIMEOUT' ? 0 : r.durations.runMs)),
    retries: s((r) => r.durations.retryMs ?? 0),
    timeouts: s((r) => (r.status === 'TIMEOUT' ? r.durations.runMs : 0)),
  };
  return { ...p, total: +(p.build + p.prepare + p.run + p.retries + p.timeouts).toFixed(1) };
}

function by(rs: Result[], key: (r: Result) => string): [string, Phases][] {
  const groups = new Map<string, Result[]>();
  for (const r of rs) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups].map(([k, g]): [string, Phases] => [k, phases(g)]).sort((a, b) => b[1].total - a[1].total);
}

/**
 * Where a run's time went: by phase, by runtime column, by language and by runtime × language (the
 * costliest first). Builds shared by several cells count once, on the cell that made them. Σ over
 * cells is CPU-slot time: divide by the jobs for wall.
 */
export function breakdown(run: RunFile): { all: Phases; byRuntime: [string, Phases][]; byLanguage: [string, Phases][]; byPair: [string, Phases][] } {
  const rs = run.results.filter((r) => r.build || r.durations.runMs);
  return { all: phases(rs), byRuntime: by(rs, (r) => r.runtimeLabel), byLanguage: by(rs, (r) => r.language), byPair: by(rs, (r) => `${r.runtimeLabel} × ${r.language}`) };
}

const row = (name: string, p: Phases) => `| ${name} | ${p.cells} | ${p.build} | ${p.prepare} | ${p.run} | ${p.retries} | ${p.timeouts} | **${p.total}** |`;
const HEAD = ['| | cells | build s | precompile/transpile s | run s | retries s | timeouts s | total s |', '|---|---|---|---|---|---|---|---|'];

/** The breakdown as Markdown tables; `top` rows of the runtime × language one. */
export function renderBreakdown(run: RunFile, top = 25): string {
  const b = breakdown(run);
  const wall = (Date.parse(run.provenance.finishedAt) - Date.parse(run.provenance.startedAt)) / 1000;
  return [
    `run ${run.provenance.runId}: ${wall.toFixed(0)} s wall, ${b.all.cells} cells built or run, Σ ${b.all.total} s over all phases`,
    '', ...HEAD, row('all', b.all),
    '', ...HEAD.map((l, i) => (i ? l : l.replace('| |', '| runtime |'))), ...b.byRuntime.map(([k, p]) => row(k, p)),
    '', ...HEAD.map((l, i) => (i ? l : l.replace('| |', '| language |'))), ...b.byLanguage.map(([k, p]) => row(k, p)),
    '', ...HEAD.map((l, i) => (i ? l : l.replace('| |', '| runtime × language |'))), ...b.byPair.slice(0, top).map(([k, p]) => row(k, p)),
  ].join('\n');
}
