// reports/claims.md: the seeds' claims, each against what we measured (bench.json "perf" and the run files). Reads only.
import type { PerfBench, PerfCell } from '../bench-perf.ts';
import type { Result } from '../types.ts';
import { barChart, type Bar } from './svg-bars.ts';
import { renderClaimsHtml } from './claims-html.ts';

export type Verdict = 'holds' | "doesn't" | 'depends' | 'not measured';

/** A cell the measurement rests on, and where the site shows it. */
export interface Evidence {
  key: string;
  href: string;
}

export interface Claim {
  quote: string;
  measured: string;
  where: string;
  verdict: Verdict;
  evidence: Evidence[];
  chart?: string;
  notes?: string;
}

const geomean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const fmt = (x: number, digits = 3) => String(+x.toPrecision(digits));
const link = (r: Pick<Result, 'key' | 'language' | 'runtimeLabel' | 'features'>): Evidence =>
  ({ key: r.key, href: `cells.html#${new URLSearchParams({ language: r.language, runtime: r.runtimeLabel, feature: r.features[0] ?? '' }).toString()}` });
/** A runtime column, and the workload size when it is not the full one (an interpreter's smaller kernels). */
const sized = (runtime: string, size: string | undefined) => (size && size !== 'full' ? `${runtime} (${size} size)` : runtime);
const group = <T>(xs: T[], by: (x: T) => string) => {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(by(x), [...(m.get(by(x)) ?? []), x]);
  return m;
};
const verdictOf = (ok: boolean[]): Verdict => (!ok.length ? 'not measured' : ok.every(Boolean) ? 'holds' : ok.some(Boolean) ? 'depends' : "doesn't");

/** Per runtime column: the geometric mean of runtime/native over the cells of these features. */
function ratioByRuntime(cells: PerfCell[], features: string[]): { runtime: string; ratio: number; min: number; max: number; cells: PerfCell[] }[] {
  const cpu = cells.filter((c) => c.features.some((f) => features.includes(f)) && c.ratios.runtime);
  const all = new Set(cpu.map((c) => c.language));
  return [...group(cpu, (c) => c.runtimeLabel)].map(([runtime, cs]) => {
    const rs = cs.map((c) => c.ratios.runtime!);
    // A column measured on fewer languages than the others says which (the version sweep runs C alone).
    const langs = [...new Set(cs.map((c) => c.language))].sort();
    const label = sized(runtime, cs[0]!.size) + (langs.length < all.size ? ` [${langs.join(', ')}]` : '');
    return { runtime: label, ratio: geomean(rs), min: Math.min(...rs), max: Math.max(...rs), cells: cs };
  }).sort((a, b) => a.ratio - b.ratio);
}

/** Per runtime column: the empty main's start (fastest language), each kernel's ratio to native (geometric mean over languages and targets), and peak RSS. */
export interface RuntimeFigures {
  runtime: string;
  size: string;
  startMs: number | null;
  nativeStartMs: number | null;
  ratios: Record<string, number>;
  idleRssKiB: number | null;
}

const KERNELS: Record<string, string> = { 'perf.cpu-int': 'hash', 'perf.cpu-float': 'nbody', 'perf.memory': 'sort', 'perf.alloc': 'alloc' };

function figures(perf: PerfBench): RuntimeFigures[] {
  return [...group(perf.cells.filter((c) => !c.skipped), (c) => c.runtimeLabel)].map(([runtime, cs]) => {
    const empty = cs.filter((c) => c.features.includes('perf.cold-start'));
    const min = (xs: (number | undefined)[]) => ((ys) => (ys.length ? Math.min(...ys) : null))(xs.filter((x): x is number => x !== undefined));
    const ratios: Record<string, number> = {};
    for (const [feature, kernel] of Object.entries(KERNELS)) {
      const rs = cs.filter((c) => c.features.includes(feature) && c.ratios.runtime).map((c) => c.ratios.runtime!);
      if (rs.length) ratios[kernel] = geomean(rs);
    }
    return {
      runtime, size: cs.find((c) => !c.features.includes('perf.cold-start'))?.size ?? cs[0]!.size ?? 'full',
      startMs: min(empty.map((c) => c.timings.runtime?.medianMs)), nativeStartMs: min(empty.map((c) => c.timings.native?.medianMs)),
      ratios, idleRssKiB: min(empty.map((c) => c.rssKiB.runtime)),
    };
  }).sort((a, b) => a.runtime.localeCompare(b.runtime, undefined, { numeric: true }));
}


function perfClaims(perf: PerfBench | undefined): { claims: Claim[]; svgs: Record<string, string> } {
  const svgs: Record<string, string> = {};
  const none = (quote: string): Claim => ({ quote, measured: 'no perf run recorded: `npm run bench -- --suite=perf`', where: '—', verdict: 'not measured', evidence: [] });
  if (!perf?.cells.length) {
    return { claims: ['cold start < 1 ms on a native runtime', 'CPU-bound code runs 1.1–1.3× slower than native', '95% of native speed', '< 1 MB idle memory', '85% smaller images'].map(none), svgs };
  }
  const claims: Claim[] = [];
  const versions = (cs: PerfCell[]) => [...new Set(cs.map((c) => c.runtimeLabel + (c.runtimeVersion && !c.runtimeLabel.includes('@') ? ` ${c.runtimeVersion}` : '')))].join(', ');

  // Cold start: the empty program, the runtime's fastest way to start it, per runtime column.
  const empty = perf.cells.filter((c) => c.features.includes('perf.cold-start') && c.timings.runtime);
  const start = [...group(empty, (c) => c.runtimeLabel)].map(([runtime, cs]) => {
    const best = (name: string) => Math.min(...cs.map((c) => c.timings[name]?.medianMs ?? Infinity));
    const variants = Object.keys(cs[0]!.timings).filter((n) => n !== 'native');
    const fastest = variants.map((n) => ({ name: n, ms: best(n) })).sort((a, b) => a.ms - b.ms)[0]!;
    return { runtime, plain: best('runtime'), fastest, native: best('native'), cells: cs };
  }).sort((a, b) => a.fastest.ms - b.fastest.ms);
  if (start.length) {
    svgs['claims/cold-start.svg'] = barChart({ title: 'Cold start: empty main, median ms (fastest way per runtime)', unit: 'ms', bars: [...start.map((s) => ({ label: `${s.runtime}${s.fastest.name !== 'runtime' ? ` (${s.fastest.name})` : ''}`, value: s.fastest.ms })), { label: 'native empty program', value: Math.min(...start.map((s) => s.native)) }], threshold: { value: 1, label: '1 ms' } });
    const plainUnder = start.filter((s) => s.plain < 1);
    const anyUnder = start.filter((s) => s.fastest.ms < 1);
    claims.push({
      quote: 'cold start < 1 ms on a native runtime',
      measured: start.map((s) => `${s.runtime} ${fmt(s.plain)} ms${s.fastest.name !== 'runtime' ? ` (${s.fastest.name} ${fmt(s.fastest.ms)} ms)` : ''}`).join('; ') + `; a native empty program ${fmt(Math.min(...start.map((s) => s.native)))} ms`,
      where: versions(empty),
      verdict: plainUnder.length ? 'holds' : anyUnder.length ? 'depends' : "doesn't",
      evidence: start.map((s) => link(s.cells[0]!)),
      chart: 'claims/cold-start.svg',
      notes: 'process start to exit, hyperfine without a shell; the fastest language per runtime; "precompiled" = `wasmtime compile` then `run --allow-precompiled`',
    });
  }

  // CPU-bound: integer hash and n-body, runtime median over native median of the same source.
  const cpu = ratioByRuntime(perf.cells, ['perf.cpu-int', 'perf.cpu-float']);
  if (cpu.length) {
    const bars: Bar[] = cpu.map((r) => ({ label: r.runtime, value: r.ratio }));
    svgs['claims/cpu-overhead.svg'] = barChart({ title: 'CPU-bound kernels (hash, n-body): time ÷ native, geometric mean', unit: '×', bars, threshold: { value: 1.3, label: '1.3×' } });
    const rows = cpu.map((r) => `${r.runtime} ×${fmt(r.ratio)} (${fmt(r.min)}–${fmt(r.max)})`).join('; ');
    claims.push({
      quote: 'CPU-bound code runs 1.1–1.3× slower than native', measured: rows, where: versions(cpu.flatMap((r) => r.cells)),
      verdict: verdictOf(cpu.map((r) => r.ratio <= 1.3)), evidence: cpu.map((r) => link(r.cells[0]!)), chart: 'claims/cpu-overhead.svg',
      notes: 'geometric mean over languages and the two CPU kernels; the native build uses the same compiler and optimisation level as the wasm build',
    });
    claims.push({
      quote: '95% of native speed', measured: cpu.map((r) => `${r.runtime} ${fmt(100 / r.ratio)}%`).join('; '), where: versions(cpu.flatMap((r) => r.cells)),
      verdict: verdictOf(cpu.map((r) => r.ratio <= 1 / 0.95)), evidence: cpu.map((r) => link(r.cells[0]!)), chart: 'claims/cpu-overhead.svg',
    });
  }

  // Idle memory: peak RSS of the empty program under each runtime, beside the native one.
  const rss = [...group(empty.filter((c) => c.rssKiB.runtime), (c) => c.runtimeLabel)].map(([runtime, cs]) => ({
    runtime, kib: Math.min(...cs.map((c) => c.rssKiB.runtime!)), native: Math.min(...cs.map((c) => c.rssKiB.native ?? Infinity)), cells: cs,
  })).sort((a, b) => a.kib - b.kib);
  if (rss.length) {
    svgs['claims/idle-memory.svg'] = barChart({ title: 'Idle memory: peak RSS of an empty main, MiB', unit: 'MiB', bars: rss.map((r) => ({ label: r.runtime, value: r.kib / 1024 })), threshold: { value: 1, label: '1 MB' } });
    claims.push({
      quote: '< 1 MB idle memory', measured: rss.map((r) => `${r.runtime} ${fmt(r.kib / 1024)} MiB`).join('; ') + `; a native empty program ${fmt(Math.min(...rss.map((r) => r.native)) / 1024)} MiB`,
      where: versions(rss.flatMap((r) => r.cells)), verdict: verdictOf(rss.map((r) => r.kib < 1024)), evidence: rss.map((r) => link(r.cells[0]!)), chart: 'claims/idle-memory.svg',
      notes: 'the whole runtime process (GNU time %M), not only the guest\'s linear memory',
    });
  }

  // Size: the wasm artifact beside the native binary of the same source.
  const sizes = perf.natives.filter((n) => n.bytes).flatMap((n) => {
    const mine = perf.cells.filter((x) => x.language === n.language && `perf-${x.case}` === n.guest && x.artifactBytes);
    // The core module where there is one: a component carries adapter and WIT besides the program.
    const c = mine.find((x) => x.target === 'p1') ?? mine[0];
    return c ? [{ language: n.language, guest: n.guest, wasm: c.artifactBytes!, native: n.bytes!, cell: c }] : [];
  });
  if (sizes.length) {
    const byLang = [...group(sizes, (s) => s.language)].map(([language, ss]) => ({ language, saving: 1 - geomean(ss.map((s) => s.wasm / s.native)), ss }));
    svgs['claims/size.svg'] = barChart({ title: 'Artifact size: wasm ÷ native binary (same source), geometric mean', unit: '×', bars: byLang.map((l) => ({ label: l.language, value: 1 - l.saving })), threshold: { value: 0.15, label: '85% smaller' } });
    claims.push({
      quote: '85% smaller images',
      measured: byLang.map((l) => `${l.language}: ${l.saving >= 0 ? `${fmt(l.saving * 100, 2)}% smaller` : `${fmt(-l.saving * 100, 2)}% larger`} (e.g. ${l.ss[0]!.guest} ${l.ss[0]!.wasm} B vs ${l.ss[0]!.native} B)`).join('; '),
      where: byLang.map((l) => l.language).join(', '), verdict: verdictOf(byLang.map((l) => l.saving >= 0.85)),
      evidence: byLang.map((l) => link(l.ss[0]!.cell)), chart: 'claims/size.svg',
      notes: 'binaries, not container images: the native build links the host libc dynamically where the toolchain does by default (C, Rust), statically where it does (Go, TinyGo, Zig)',
    });
  }
  return { claims, svgs };
}

/** Pass counts of the cells measured here (not UNAVAILABLE), with up to three passing cells as evidence (newest runtime versions first). */
function tally(all: Result[]) {
  const rs = all.filter((r) => r.status !== 'UNAVAILABLE');
  const pass = rs.filter((r) => r.status === 'PASS');
  const sample = [...pass].sort((a, b) => b.runtimeLabel.localeCompare(a.runtimeLabel, undefined, { numeric: true })).slice(0, 3);
  return { pass: pass.length, total: rs.length, evidence: sample.map(link), runtimes: [...new Set(pass.map((r) => r.runtimeLabel))].sort().join(', ') };
}

function toolchainClaims(results: Result[]): Claim[] {
  const ours = results.filter((r) => r.suite !== 'perf' && !r.suite.startsWith('external:') && r.suite !== 'selftest');
  const lang = (l: string) => ours.filter((r) => r.language === l);
  const claims: Claim[] = [];
  const go = tally(lang('go'));
  const tinygo = tally(lang('tinygo'));
  claims.push({
    quote: 'Go needs TinyGo', measured: `Go's own GOOS=wasip1 passes ${go.pass}/${go.total} cells; TinyGo ${tinygo.pass}/${tinygo.total}`,
    where: go.runtimes || '—', verdict: !go.total ? 'not measured' : go.pass ? "doesn't" : 'holds', evidence: go.evidence,
    notes: 'Go emits wasip1 core modules (p2 through the adapter); TinyGo also emits wasip2 components',
  });
  const py = tally(lang('python'));
  claims.push({
    quote: 'Python is browser-only via Pyodide', measured: `componentize-py components pass ${py.pass}/${py.total} cells on runtimes outside any browser`,
    where: py.runtimes || '—', verdict: !py.total ? 'not measured' : py.pass ? "doesn't" : 'holds', evidence: py.evidence,
  });
  const java = tally(lang('java'));
  const teavm = lang('java').find((r) => r.toolchainVersion)?.toolchainVersion;
  claims.push({
    quote: 'Java has no WASI target', measured: `TeaVM's WASI backend${teavm ? ` (${teavm})` : ''} passes ${java.pass}/${java.total} cells`,
    where: java.runtimes || '—', verdict: !java.total ? 'not measured' : java.pass ? 'depends' : 'holds', evidence: java.evidence,
    notes: "TeaVM 0.13.1 is the last release with the WASI target (0.14+ emit JS-hosted WasmGC), so the route exists but is frozen",
  });
  const threads = ours.filter((r) => r.suite === 'threads');
  const t = tally(threads);
  // A runtime that once had wasi-threads and removed it says so in its reason.
  const removed = threads.find((r) => r.status === 'UNSUPPORTED' && /remov/i.test(r.reason));
  const byRuntime = [...group(threads.filter((r) => r.status !== 'UNAVAILABLE'), (r) => r.runtimeLabel)].map(([rt, rs]) => `${rt} ${rs.filter((r) => r.status === 'PASS').length}/${rs.length}`);
  claims.push({
    quote: 'no threads in WASI', measured: `the threads suite (wasi-threads) passes ${t.pass}/${t.total} cells: ${byRuntime.join(', ')}`,
    where: t.runtimes || '—', verdict: !t.total ? 'not measured' : t.pass ? 'depends' : 'holds', evidence: [...t.evidence, ...(removed ? [link(removed)] : [])],
    notes: 'wasi-threads runs behind flags on the runtimes that keep it; wasmtime removed it in 47 (its cells there read UNSUPPORTED); components cannot share memory',
  });
  const net = ours.filter((r) => r.suite === 'sockets' || r.suite === 'http');
  const byTarget = [...group(net, (r) => r.target)].sort(([a], [b]) => a.localeCompare(b)).map(([target, rs]) => `${target} ${rs.filter((r) => r.status === 'PASS').length}/${rs.length}`);
  const n = tally(net);
  claims.push({
    quote: 'network I/O trails', measured: `sockets and http cells passing by target: ${byTarget.join(', ')}`,
    where: n.runtimes || '—', verdict: !net.length ? 'not measured' : 'depends', evidence: n.evidence,
    notes: 'support, not throughput: WASI 0.1 has no way to open a socket; 0.2 and 0.3 have TCP, UDP and HTTP where the runtime implements them',
  });
  return claims;
}

/** One guest's artifact sizes: the native binary and the wasm of each target route (`p1`, `p2`, `p2+adapter`). */
export interface SizeRow {
  language: string;
  guest: string;
  native: number | null;
  wasm: Record<string, number>;
}

/** The bytes of every artifact the bench ran, per language, guest and target route, beside the native binary. */
function sizeRows(perf: PerfBench): SizeRow[] {
  const rows = new Map<string, SizeRow>();
  for (const c of perf.cells) {
    if (!c.artifactBytes) continue;
    const guest = `perf-${c.case}`;
    const row = rows.get(`${c.language}/${guest}`) ?? { language: c.language, guest, native: perf.natives.find((n) => n.language === c.language && n.guest === guest)?.bytes ?? null, wasm: {} };
    row.wasm[c.key.split('|')[2]!] = c.artifactBytes;
    rows.set(`${c.language}/${guest}`, row);
  }
  return [...rows.values()].sort((a, b) => a.language.localeCompare(b.language) || a.guest.localeCompare(b.guest));
}

/** Everything the claims page shows, in one form the markdown and the HTML are both made from. */
export interface ClaimsPage {
  claims: Claim[];
  /** How the performance figures were measured (or that none were). */
  method: string;
  figures: RuntimeFigures[];
  sizes: SizeRow[];
  /** Languages whose kernels have no native reference, and why. */
  noNative: [string, string][];
  svgs: Record<string, string>;
}

export function claimsPage(perf: PerfBench | undefined, results: Result[]): ClaimsPage {
  const p = perfClaims(perf);
  const runs = perf ? (perf.runs ?? [perf]) : [];
  const sizes = [...new Set(runs.map((r) => r.size ?? 'full'))];
  return {
    claims: [...p.claims, ...toolchainClaims(results)],
    method: perf
      ? `Performance figures: \`npm run bench -- --suite=perf\`, ${perf.tools.hyperfine}, ${perf.tools.time}, ${perf.cores} cores; runs ${runs.map((r) => `${r.runId}${r.size ? ` (size ${r.size})` : ''} at ${r.at} (load average ${r.loadavg.before.join(' ')} before, ${r.loadavg.after.join(' ')} after)`).join('; ')}. Ratios are medians measured side by side in one hyperfine invocation, native at the same size as the runtime${sizes.length > 1 ? ' (interpreters run the smaller sizes of suites/perf, named in runtimes/<id>/perf.ts)' : ''}; absolute times are noise on a shared machine.`
      : 'No performance run recorded yet (`npm run bench -- --suite=perf`).',
    figures: perf ? figures(perf) : [],
    sizes: perf ? sizeRows(perf) : [],
    noNative: perf ? [...new Map(perf.natives.filter((n) => n.unavailable).map((n) => [n.language, n.unavailable!]))] : [],
    svgs: p.svgs,
  };
}

const KERNEL_NAMES = Object.values(KERNELS);
const sizeRoutes = (rows: SizeRow[]) => [...new Set(rows.flatMap((r) => Object.keys(r.wasm)))].sort();
const num = (x: number | null, unit = '') => (x === null ? '—' : `${fmt(x)}${unit}`);

export function renderClaims(perf: PerfBench | undefined, results: Result[]): { md: string; html: string; svgs: Record<string, string> } {
  const page = claimsPage(perf, results);
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# The seeds\' claims, measured',
    '',
    page.method,
    'Toolchain claims: the newest result of every cell over the run files.',
    '',
    '| claim | our measurement | runtimes and versions | verdict | evidence |',
    '|---|---|---|---|---|',
    ...page.claims.map((c) => `| "${cell(c.quote)}" | ${cell(c.measured)}${c.notes ? ` — ${cell(c.notes)}` : ''}${c.chart ? ` ([chart](${c.chart}))` : ''} | ${cell(c.where)} | **${c.verdict}** | ${c.evidence.map((e) => `[${cell(e.key)}](${e.href})`).join('<br>') || '—'} |`),
    '',
  ];
  if (page.figures.length) {
    lines.push(
      '## Per runtime',
      '',
      'Start: the empty main, median ms of the fastest language (native beside it); kernels: runtime time ÷ native time, geometric mean over languages and targets; idle RSS: peak RSS of the empty main.',
      '',
      `| runtime | kernel size | start ms | native start ms | ${KERNEL_NAMES.map((k) => `${k} ×`).join(' | ')} | idle RSS MiB |`,
      `|---|---|---|---|${KERNEL_NAMES.map(() => '---').join('|')}|---|`,
      ...page.figures.map((f) => `| ${f.runtime} | ${f.size} | ${num(f.startMs)} | ${num(f.nativeStartMs)} | ${KERNEL_NAMES.map((k) => num(f.ratios[k] ?? null)).join(' | ')} | ${num(f.idleRssKiB === null ? null : f.idleRssKiB / 1024)} |`),
      '',
    );
  }
  const routes = sizeRoutes(page.sizes);
  if (page.sizes.length) {
    lines.push(
      '## Artifact sizes (bytes)',
      '',
      `| language | guest | native | ${routes.join(' | ')} |`,
      `|---|---|---|${routes.map(() => '---').join('|')}|`,
      ...page.sizes.map((r) => `| ${r.language} | ${r.guest} | ${r.native ?? '—'} | ${routes.map((t) => r.wasm[t] ?? '—').join(' | ')} |`),
      '',
    );
  }
  if (page.noNative.length) lines.push('Languages without a native reference (no ratio):', '', ...page.noNative.map(([l, why]) => `- ${l}: ${why}`), '');
  for (const chart of new Set(page.claims.flatMap((x) => (x.chart ? [x.chart] : [])))) lines.push(`![${chart}](${chart})`, '');
  return { md: lines.join('\n'), html: renderClaimsHtml(page, KERNEL_NAMES, routes), svgs: page.svgs };
}
