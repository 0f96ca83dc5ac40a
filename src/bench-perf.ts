// npm run bench -- --suite=perf: each perf guest that passed, timed by hyperfine beside its native build.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import which from 'which';
import type { Filters } from './filters.ts';
import { loadNativeBuild, loadRuntimePerf } from './perf-plugins.ts';
import { makePlan, runPlan, type Plan } from './runner.ts';
import { readRun, writeAtomic } from './results.ts';
import type { CommandSpec, Result, Timing } from './types.ts';


export interface PerfCell {
  key: string;
  suite: string;
  case: string;
  language: string;
  target: string;
  features: string[];
  runtime: string;
  runtimeLabel: string;
  runtimeVersion: string | null;
  artifactBytes: number | null;
  /** The workload: `full` (the case's own args) or a `sizes:` entry; native ran at the same size. */
  size: string;
  /** The timed command line: the adapter's, as the run file records it for this cell (`sameArgv`). */
  argv: string[];
  sameArgv: boolean;
  /** Timings by command: `native`, `runtime` (the matrix's own command line), and the runtime's variants. */
  timings: Record<string, Timing>;
  /** Median over the native median, per command other than native. */
  ratios: Record<string, number>;
  /** Peak resident set (GNU time %M) by command. */
  rssKiB: Record<string, number>;
  /** Why it was not timed (too slow to repeat, hyperfine failed). */
  skipped?: string;
  /** The bench run that measured it (PerfBench.runs). */
  runId?: string;
}

export interface NativeRecord {
  language: string;
  guest: string;
  version?: string;
  argv?: string[];
  bytes?: number;
  unavailable?: string;
}

export interface PerfRun {
  at: string;
  runId: string;
  runFile: string;
  /** The workload size of this run's cells (one matrix run per size). */
  size?: string;
  cores: number;
  loadavg: { before: number[]; after: number[] };
  tools: { hyperfine: string; time: string };
}

/** The newest figures of every cell over the perf runs so far: filtered benches add up, as filtered matrix runs do. */
export interface PerfBench extends PerfRun {
  runs: PerfRun[];
  natives: NativeRecord[];
  cells: PerfCell[];
  /** Cells of the suite that did not pass, so were not timed (with the status). */
  untimed: { key: string; status: string; reason: string }[];
}

/** A native build while the bench runs: where it is, and the sizes it answered right at. */
type Native = NativeRecord & { path?: string; checked?: string[] };

/** POSIX quoting: hyperfine without a shell (-N) splits its command strings into words the same way. */
const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`);
const line = (file: string, args: string[]) => [file, ...args].map(quote).join(' ');
const ms = (s: number) => +(s * 1000).toFixed(3);
const round = (x: number) => +x.toFixed(3);

/** The scratch layout the runner gives a cell (…/wasi-matrix-XXXX/<index>), so two command lines compare. */
const scrub = (argv: string[], dir?: string) =>
  argv.map((a) => (dir ? a.replaceAll(dir, '<cell>') : a).replace(new RegExp(`${tmpdir()}/wasi-matrix-[^/]+/[^/"]+`, 'g'), '<cell>'));

/** Every check the case requires reported `ok`, and exit 0: the native build computed the right answer too. */
function nativeCorrect(plan: Plan, r: Result, out: { stdout: string; exitCode?: number }): boolean {
  const k = plan.cases.get(`${r.suite}/${r.case}`)!;
  return out.exitCode === 0 && k.expect.checks.every((c) => new RegExp(`^ok ${c}$`, 'm').test(out.stdout));
}

async function peakRss(cmd: CommandSpec, cwd: string, dir: string): Promise<number | null> {
  const out = join(dir, 'rss');
  const r = await execa('/usr/bin/time', ['-f', '%M', '-o', out, cmd.file, ...cmd.args], { env: cmd.env ?? {}, extendEnv: false, cwd, reject: false, timeout: 300_000 });
  return r.exitCode === 0 && existsSync(out) ? Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)) : null;
}

export interface PerfOptions {
  root: string;
  filters: Filters;
  runsDir?: string;
  /** Time to spend per cell, sizing hyperfine's runs from the matrix's own run (default 5 s). */
  budgetMs?: number;
  /** At most this many runs per command (default 10); never fewer than 2, for a spread. */
  runs?: number;
  /** Every runtime at this size, instead of the one its runtimes/<id>/perf.ts names. */
  size?: string;
  log?: (s: string) => void;
}

export async function benchPerf(opts: PerfOptions): Promise<PerfBench> {
  const log = opts.log ?? console.log;
  const hyperfine = which.sync('hyperfine', { nothrow: true });
  if (!hyperfine) throw new Error('hyperfine is not installed (matrix.yaml harness: `npm run provision`)');
  if (!existsSync('/usr/bin/time')) throw new Error('GNU time (/usr/bin/time) is not installed (matrix.yaml harness: `npm run provision`)');
  // Each runtime as a user starts it (no transpile-once, warm host or precompiled module): those
  // fast paths are measured as the variants beside it.
  process.env.WASI_MATRIX_COLD = '1';
  const plan = await makePlan({ root: opts.root, filters: { ...opts.filters, suite: ['perf'] } });
  const runsDir = opts.runsDir ?? join(opts.root, 'reports', 'runs');
  mkdirSync(runsDir, { recursive: true });
  const sizeOf = new Map<string, string>();
  for (const id of new Set(plan.cells.map((c) => c.runtime))) sizeOf.set(id, opts.size ?? (await loadRuntimePerf(plan.root, id))?.size ?? FULL);
  // A case without sizes has no workload to scale (the empty main); one with sizes must have the one asked for.
  const unknown = [...plan.cases.values()].flatMap((k) => [...new Set(sizeOf.values())].filter((z) => z !== FULL && k.sizes && !k.sizes[z]).map((z) => `${k.suite}/${k.id} has no size "${z}"`));
  if (unknown.length) throw new Error(unknown.join('; '));
  const work = await mkdtemp(join(tmpdir(), 'wasi-matrix-perf-'));
  const natives = new Map<string, Native>();
  const cells: PerfCell[] = [];
  const runs: PerfRun[] = [];
  const results: Result[] = [];
  try {
    for (const size of [...new Set(sizeOf.values())].sort()) {
      const sized = sizedPlan(plan, size, (c) => sizeOf.get(c.runtime) === size);
      const before = loadavg();
      // One cell at a time: the matrix pass checks every answer and sizes the repetitions.
      const s = await runPlan(sized, { recordDir: runsDir, jobs: 1 });
      log(`perf (size ${size}): ${s.run.results.length} cells checked (run file ${basename(s.file)})`);
      const timed = (await timeRun(sized, s.run.results, size, natives, work, hyperfine, opts, log)).map((c) => ({ ...c, runId: s.run.provenance.runId }));
      cells.push(...timed);
      results.push(...s.run.results);
      // The figures beside each verdict, in the run file itself.
      const file = readRun(s.file);
      for (const r of file.results) {
        const c = timed.find((x) => x.key === r.key && !x.skipped);
        if (c) r.perf = { size: c.size, timings: c.timings, ratios: c.ratios, rssKiB: c.rssKiB, bench: 'reports/bench.json#perf' };
      }
      writeAtomic(s.file, `${JSON.stringify(file, null, 1)}\n`);
      runs.push({
        at: new Date().toISOString(), runId: s.run.provenance.runId, runFile: basename(s.file), size, cores: s.run.provenance.host.cpus,
        loadavg: { before: before.map(round), after: loadavg().map(round) }, tools: await toolVersions(hyperfine),
      });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const passed = new Set(cells.map((c) => c.key));
  return {
    ...runs.at(-1)!, runs,
    natives: [...natives.values()].map(({ path: _path, checked: _checked, ...n }) => n),
    cells,
    untimed: results.filter((r) => !passed.has(r.key)).map((r) => ({ key: r.key, status: r.status, reason: r.reason.slice(0, 200) })),
  };
}

const FULL = 'full';

/** The plan's cells of these runtimes, with each case's run arguments at this size. */
function sizedPlan(plan: Plan, size: string, wanted: (c: Plan['cells'][number]) => boolean): Plan {
  const cases = new Map([...plan.cases].map(([key, k]) => {
    const args = size === FULL ? undefined : k.sizes?.[size];
    if (!args) return [key, k];
    return [key, { ...k, script: { ...k.script, steps: k.script.steps.map((st) => (st.op === 'run' ? { ...st, args } : st)) } }];
  }));
  return { ...plan, cases, cells: plan.cells.filter(wanted) };
}

async function toolVersions(hyperfine: string): Promise<PerfRun['tools']> {
  return {
    hyperfine: (await execa(hyperfine, ['--version'])).stdout.trim(),
    time: ((r) => (r.stdout || r.stderr).split('\n')[0]!.trim())(await execa('/usr/bin/time', ['--version'], { reject: false })),
  };
}

/** Times each passing cell of one matrix run beside the native build of its source (built once per language and guest). */
async function timeRun(
  plan: Plan, results: Result[], size: string, natives: Map<string, Native>, work: string, hyperfine: string, opts: PerfOptions, log: (s: string) => void,
): Promise<PerfCell[]> {
  const cells: PerfCell[] = [];
  const passed = results.filter((r) => r.status === 'PASS' && r.build?.artifact && r.run);
  for (const r of passed) {
    const k = plan.cases.get(`${r.suite}/${r.case}`)!;
    const nkey = `${r.language}/${k.guest}`;
    if (!natives.has(nkey)) {
      const nb = await loadNativeBuild(opts.root, r.language);
      const rec: Native = { language: r.language, guest: k.guest };
      if (!nb) rec.unavailable = `no guests/${r.language}/native.ts`;
      else if (nb.unavailable) rec.unavailable = nb.unavailable;
      else {
        const dir = join(work, 'native', r.language);
        mkdirSync(dir, { recursive: true });
        const out = join(dir, k.guest);
        try {
          Object.assign(rec, await nb.build(k.guest, out, dir, plan.toolchains.get(r.language)!.located), { bytes: statSync(out).size, path: out });
        } catch (e) {
          rec.unavailable = `native build failed: ${(e as Error).message.slice(0, 300)}`;
        }
      }
      natives.set(nkey, rec);
    }
    const native = natives.get(nkey)!;
    // The native build computes the same answer at this size, or it is no reference.
    const args = runArgs(plan, r);
    const ckey = `${size} ${args.join(' ')}`;
    if (native.path && !native.checked?.includes(ckey)) {
      const check = await execa(native.path, args, { reject: false, timeout: 120_000 });
      if (!nativeCorrect(plan, r, check)) {
        native.unavailable = `the native build answered wrong at size ${size}: exit ${check.exitCode}, ${check.stdout.trim().slice(0, 200)}`;
        delete native.path;
      } else native.checked = [...(native.checked ?? []), ckey];
    }
    // One cell that cannot be timed (its command cannot be rebuilt, hyperfine cannot start) does not end the bench.
    cells.push(await timeCell(plan, r, size, native, work, hyperfine, opts, log).catch((e: Error) => untimedCell(r, size, e.message)));
  }
  return cells;
}

function runArgs(plan: Plan, r: Result): string[] {
  const step = plan.cases.get(`${r.suite}/${r.case}`)!.script.steps.find((st) => st.op === 'run');
  if (step?.op !== 'run') throw new Error(`${r.key}: the case has no run step`);
  return step.args;
}

function untimedCell(r: Result, size: string, why: string): PerfCell {
  return {
    key: r.key, suite: r.suite, case: r.case, language: r.language, target: r.target, features: r.features, runtime: r.runtime, runtimeLabel: r.runtimeLabel,
    runtimeVersion: r.runtimeVersion, artifactBytes: r.build?.artifact?.bytes ?? null, size, argv: r.run?.argv ?? [], sameArgv: false,
    timings: {}, ratios: {}, rssKiB: {}, skipped: why.slice(0, 300),
  };
}

/** hyperfine over the native build and the runtime's command lines, in one invocation; then peak RSS of each. */
async function timeCell(plan: Plan, r: Result, size: string, native: Native, work: string, hyperfine: string, opts: PerfOptions, log: (s: string) => void): Promise<PerfCell> {
  const k = plan.cases.get(`${r.suite}/${r.case}`)!;
  const rt = plan.runtimes.get(r.runtimeLabel)!;
  const version = r.runtimeVersion!;
  // The cell's folder as the driver makes it: the artifact linked under the guest's name, run from there.
  const dir = await mkdtemp(join(work, 'cell-'));
  const name = `${k.guest}.wasm`;
  await symlink(r.build!.artifact!.path, join(dir, name));
  const step = k.script.steps.find((st) => st.op === 'run');
  if (step?.op !== 'run') throw new Error(`${r.key}: the case has no run step`);
  const cmd = await rt.adapter.command(
    {
      artifact: name, target: r.target, args: [...(r.build!.argsBefore ?? []), ...step.args], env: step.env, preopens: [], workDir: dir, timeoutMs: r.run!.timeoutMs, extraFlags: r.run!.flags,
      ...(r.run!.memory ? { memoryBytes: r.run!.memory.bytes } : {}),
    },
    rt.located, version,
  );
  const argv = [cmd.file, ...cmd.args];
  const base: PerfCell = {
    key: r.key, suite: r.suite, case: r.case, language: r.language, target: r.target, features: r.features, runtime: r.runtime, runtimeLabel: r.runtimeLabel,
    runtimeVersion: r.runtimeVersion, artifactBytes: r.build!.artifact!.bytes, size, argv,
    sameArgv: JSON.stringify(scrub(argv, dir)) === JSON.stringify(scrub(r.run!.argv)), timings: {}, ratios: {}, rssKiB: {},
  };
  const commands: { name: string; spec: CommandSpec }[] = [
    ...(native.path ? [{ name: 'native', spec: { file: native.path, args: step.args } }] : []),
    { name: 'runtime', spec: cmd },
  ];
  // The runtime's other ways to start (precompiled, no cache) change start-up, not steady CPU: they are
  // timed on the cold-start case only, which keeps a bench of every runtime version within the hour.
  const perf = k.features.includes('perf.cold-start') ? await loadRuntimePerf(plan.root, r.runtime) : null;
  for (const v of perf?.variants?.(cmd, name, dir) ?? []) {
    if (v.prepare) {
      const p = await execa(v.prepare.file, v.prepare.args, { env: v.prepare.env ?? {}, extendEnv: false, cwd: dir, reject: false });
      if (p.exitCode !== 0) {
        log(`  ${r.key}: ${v.name} not prepared: ${p.stderr.slice(0, 200)}`);
        continue;
      }
    }
    commands.push({ name: v.name, spec: v.run });
  }
  // Repetitions sized to a time budget from the matrix's own run; a cell taking seconds runs twice.
  const once = r.durations.runMs;
  const runs = Math.max(2, Math.min(opts.runs ?? 10, Math.floor((opts.budgetMs ?? 5_000) / Math.max(1, once * commands.length))));
  const json = join(dir, 'hyperfine.json');
  // A warm-up run for sub-second commands; a slower one is as warm as it gets after the matrix pass.
  const args = ['-N', '--style', 'none', '--runs', String(runs), ...(once < 1000 ? ['--warmup', '1'] : []), '--export-json', json,
    ...commands.flatMap((c) => ['--command-name', c.name]), ...commands.map((c) => line(c.spec.file, c.spec.args))];
  const h = await execa(hyperfine, args, { env: cmd.env ?? {}, extendEnv: false, cwd: dir, reject: false });
  if (h.exitCode !== 0) return { ...base, skipped: `hyperfine failed: ${(h.stderr || h.stdout).trim().slice(0, 300)}` };
  const results = (JSON.parse(readFileSync(json, 'utf8')) as { results: { command: string; mean: number; stddev: number | null; median: number; min: number; max: number; times: number[] }[] }).results;
  results.forEach((x, i) => {
    base.timings[commands[i]!.name] = { medianMs: ms(x.median), meanMs: ms(x.mean), stddevMs: ms(x.stddev ?? 0), minMs: ms(x.min), maxMs: ms(x.max), runs: x.times.length };
  });
  const nat = base.timings.native?.medianMs;
  if (nat) for (const [n, t] of Object.entries(base.timings)) if (n !== 'native') base.ratios[n] = round(t.medianMs / nat);
  for (const c of commands) {
    const kib = await peakRss(c.spec, dir, dir);
    if (kib !== null) base.rssKiB[c.name] = kib;
  }
  log(`  ${r.key}: ${Object.entries(base.timings).map(([n, t]) => `${n} ${t.medianMs} ms`).join(', ')}${base.ratios.runtime ? ` → ×${base.ratios.runtime}` : ''}`);
  return base;
}

/** A new bench over an older one: each cell, native and untimed entry keeps its newest measurement. */
export function mergePerf(prev: PerfBench | undefined, next: PerfBench): PerfBench {
  if (!prev?.runs) return next;
  const union = <T>(a: T[], b: T[], key: (x: T) => string) => [...new Map([...a, ...b].map((x) => [key(x), x])).values()];
  // A cell that now fails is no longer timed: its older figures go.
  const failing = new Set(next.untimed.map((u) => u.key));
  const cells = union(prev.cells.filter((c) => !failing.has(c.key)), next.cells, (c) => c.key);
  const untimed = union(prev.untimed, next.untimed, (u) => u.key).filter((u) => !cells.some((c) => c.key === u.key));
  const used = new Set(cells.map((c) => c.runId));
  return {
    ...next,
    runs: union(prev.runs, next.runs, (r) => r.runId).filter((r) => used.has(r.runId)),
    natives: union(prev.natives, next.natives, (n) => `${n.language}/${n.guest}`),
    cells,
    untimed,
  };
}
