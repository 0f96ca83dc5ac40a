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

function phases(rs: Result[], builder: Map<string, string>): Phases {
  const s = (f: (r: Result) => number) => +(rs.reduce((n, r) => n + f(r), 0) / 1000).toFixed(1);
  const p = {
    cells: rs.length,
    // Every cell that shares a build records its time: it counts on the first of them only.
    build: s((r) => (r.build && builder.get(r.build.cacheKey) !== r.key ? 0 : r.durations.buildMs)),
    prepare: s((r) => r.durations.prepareMs ?? 0),
    run: s((r) => (r.status === 'TIMEOUT' ? 0 : r.durations.runMs)),
    retries: s((r) => r.durations.retryMs ?? 0),
    timeouts: s((r) => (r.status === 'TIMEOUT' ? r.durations.runMs : 0)),
  };
  return { ...p, total: +(p.build + p.prepare + p.run + p.retries + p.timeouts).toFixed(1) };
}

function by(rs: Result[], key: (r: Result) => string, builder: Map<string, string>): [string, Phases][] {
  const groups = new Map<string, Result[]>();
  for (const r of rs) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups].map(([k, g]): [string, Phases] => [k, phases(g, builder)]).sort((a, b) => b[1].total - a[1].total);
}

/**
 * Where a run's time went: by phase, by runtime column, by language and by runtime × language (the
 * costliest first). A build shared by several cells counts once, on the first of them by key. Σ over
 * cells is slot time: divide by the jobs for wall.
 */
export function breakdown(run: RunFile): { all: Phases; byRuntime: [string, Phases][]; byLanguage: [string, Phases][]; byPair: [string, Phases][] } {
  const rs = run.results.filter((r) => r.build || r.durations.runMs);
  const builder = new Map<string, string>();
  for (const r of rs) if (r.build && r.durations.buildMs && !builder.has(r.build.cacheKey)) builder.set(r.build.cacheKey, r.key);
  return {
    all: phases(rs, builder), byRuntime: by(rs, (r) => r.runtimeLabel, builder), byLanguage: by(rs, (r) => r.language, builder),
    byPair: by(rs, (r) => `${r.runtimeLabel} × ${r.language}`, builder),
  };
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
