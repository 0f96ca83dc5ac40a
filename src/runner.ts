import { tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { buildGuest, type BuildStats } from './build.ts';
import { loadCases } from './cases.ts';
import { checkGuests } from './guest-check.ts';
import { driveCell, retryFlags, runControls } from './cell.ts';
import { prebuilt } from './external/prebuilt.ts';
import { loadWasiTestsuite } from './external/wasi-testsuite.ts';
import { loadWtsExpectations } from './external/wts-expectations.ts';
import { classify } from './classify.ts';
import { findExpectation, loadExpectations, overlay, type ExpectationRule } from './expectations.ts';
import { featureMatches, type Filters } from './filters.ts';
import { loadMatrix, toSource, type Matrix, type Profile } from './matrix.ts';
import { locate } from './sources.ts';
import { baseTarget, expand, gate, targetLabel, type Gate, type GateInput, type PlanInput } from './plan.ts';
import { inventory, type RuntimeEntry, type ToolchainEntry } from './inventory.ts';
import { InputHasher } from './inputs.ts';
import { gitState, hostInfo, newRunId } from './provenance.ts';
import { RunRecorder } from './results.ts';
import { planId, type Journal } from './resume.ts';
import { scratchPrefix, sweepStale } from './stale.ts';
import { loadTimings, longestFirst, saveTimings } from './timings.ts';
import { trim } from './trim.ts';
import { sha256 } from './hash.ts';
import type { BuildRecord, CaseSpec, Cell, Detection, Provenance, Result, RunFile, Support } from './types.ts';

export interface PlannedCell extends Cell {
  gate: Gate;
}

export interface Plan {
  root: string;
  matrix: Matrix;
  filters: Filters;
  shard?: { index: number; count: number };
  cases: Map<string, CaseSpec>;
  cells: PlannedCell[];
  excluded: { cell: Cell; reason: string }[];
  runtimes: Map<string, RuntimeEntry>;
  toolchains: Map<string, ToolchainEntry>;
  expectations: ExpectationRule[];
  external: { suite: string; name: string; dir: string }[];
  profile: Profile;
}

export interface PlanOptions {
  root: string;
  filters?: Filters;
  matrixFile?: string;
  shard?: { index: number; count: number };
  /** External suites to import, e.g. a wasi-testsuite checkout (beside those matrix.yaml names). */
  external?: { format: 'wasi-testsuite'; path: string }[];
  /** Expectation files in the reference wasi-testsuite runner's TOML format. */
  wtsExpectations?: string[];
  /** Tools outside the profile read UNAVAILABLE, not in profile (default: full). */
  profile?: Profile;
}

/**
 * The toolchain of a cell: ours for its language (the version that builds its target), or the
 * prebuilt copy for an external case.
 */
function toolchainFor(plan: Pick<Plan, 'toolchains'>, k: CaseSpec, language: string, target: string): ToolchainEntry | undefined {
  if (k.prebuilt) return { toolchain: prebuilt, located: { source: { kind: 'builtin' } }, detection: { available: true, version: 'prebuilt' } };
  const tc = plan.toolchains.get(language);
  const other = tc?.byTarget?.[target];
  return tc && other ? { ...tc, ...other } : tc;
}

/**
 * The reason matrix.yaml gives for a language not expressing any of a case's features; on a cell's
 * target (its labels: `p2`, `p2+adapter`), a route nobody wrote a guest for comes first. Without
 * a target (which guests a language has cells for), any of them counts.
 */
function cannotOf(matrix: Matrix, language: string, k: CaseSpec, labels?: string[]): GateInput['cannot'] {
  const t = matrix.toolchains.find((x) => x.language === language);
  const find = <V>(m: Record<string, V>) => Object.entries(m).find(([tag]) => featureMatches(tag, k.features))?.[1];
  const route = find(t?.notWritten ?? {});
  // Without a cell, a route counts only on a target the case has (a p2 route says nothing of a p1-only case).
  const onCase = (label: string) => !k.targets || k.targets.map(baseTarget).includes(baseTarget(label.split('+')[0]!));
  if (route && route.targets.some((x) => (labels ? labels.includes(x) : onCase(x)))) return { reason: `no guest written yet for this route: ${route.route}`, notWritten: true };
  const upstream = find(t?.cannot ?? {});
  if (upstream) return { reason: upstream };
  const here = find(t?.unavailable ?? {});
  return here ? { reason: here, local: true } : undefined;
}

/** What the runtime loads: its declaration, narrowed by the detected version where the adapter knows better. */
function targetsOf(rt: RuntimeEntry): Record<string, Support> {
  const { adapter, detection } = rt;
  if (!detection.available || !adapter.supports) return adapter.targets;
  return Object.fromEntries(Object.keys(adapter.targets).map((t) => [t, adapter.supports!(t, detection.version) ?? adapter.targets[t]!]));
}

/** Why the runtime version cannot grant what the case needs, if it cannot (known only once it is detected). */
function grantLimit(rt: RuntimeEntry, k: CaseSpec): { cannotGrant?: string } {
  if (!rt.detection.available || !rt.adapter.cannotGrant) return {};
  const version = rt.detection.version;
  const why = k.needs.map((n) => rt.adapter.cannotGrant!(n, version)).find(Boolean);
  return why ? { cannotGrant: why } : {};
}

/** Reads matrix.yaml and the cases, detects every tool, and expands the filtered cells. */
export async function makePlan(opts: PlanOptions): Promise<Plan> {
  const { root } = opts;
  const filters = opts.filters ?? {};
  const matrix = loadMatrix(root, opts.matrixFile);
  const targets = Object.keys(matrix.targets);
  const wanted = (suite: string) => !filters.suite?.length || filters.suite.includes(suite);
  const external = [...matrix.external, ...(opts.external ?? [])].flatMap((e) => loadWasiTestsuite(resolve(root, e.path)).suites);
  const wts = (opts.wtsExpectations ?? []).map(loadWtsExpectations);
  const ours = filters.suite?.length ? filters.suite.filter((s) => !s.startsWith('external:')) : matrix.suites;
  const caseList = [...loadCases(root, ours, new Set(targets)), ...external.flatMap((s) => s.cases).filter((k) => wanted(k.suite))];
  await checkGuests(root, matrix, caseList);

  const ourCases = caseList.filter((k) => !k.prebuilt);
  // A run of external suites alone needs no toolchain of ours: none is detected.
  const { toolchains, runtimes } = await inventory(root, matrix, ourCases.length ? filters.language : [], opts.profile, filters.runtime);
  const languages: PlanInput['languages'] = {};
  await Promise.all(
    [...toolchains].map(async ([language, { toolchain }]) => {
      const guests = new Set<string>();
      // A case in a feature the language cannot express gets cells too, to say so.
      await Promise.all(ourCases.map(async (k) => {
        if (cannotOf(matrix, language, k) || (await toolchain.sources(k.guest)).length) guests.add(k.guest);
      }));
      languages[language] = { guests, ...(toolchain.variants ? { variants: toolchain.variants } : {}) };
    }),
  );

  const scope = Object.fromEntries(Object.entries(matrix.targets).filter(([, t]) => t.languages || t.cases)
    .map(([id, t]) => [id, { ...(t.languages ? { languages: t.languages } : {}), ...(t.cases ? { cases: t.cases } : {}) }]));
  const expanded = expand({ cases: caseList, targets, scope, languages, instances: matrix.instances, filters, exclude: matrix.exclude });
  const skipped = (c: Cell) => wts.some((w) => w.skip.has(`${c.suite}/${c.case}`));
  const cells = expanded.cells.filter((c) => !skipped(c));
  const excluded = [...expanded.excluded, ...expanded.cells.filter(skipped).map((cell) => ({ cell, reason: 'skipped by an expectation file (action = "skip")' }))];
  const byId = new Map(caseList.map((k) => [`${k.suite}/${k.id}`, k]));
  let planned: PlannedCell[] = cells.map((c) => {
    const tc = toolchainFor({ toolchains }, byId.get(`${c.suite}/${c.case}`)!, c.language, c.target)!;
    const rt = runtimes.get(c.runtimeLabel)!;
    const k = byId.get(`${c.suite}/${c.case}`)!;
    const cannot = k.prebuilt ? undefined : cannotOf(matrix, c.language, k, [c.target, baseTarget(c.target), targetLabel(c.target, c.variant), targetLabel(baseTarget(c.target), c.variant)]);
    return {
      ...c,
      gate: gate({
        toolchainTargets: tc.toolchain.targets,
        toolchain: tc.detection,
        runtimeTargets: targetsOf(rt),
        runtime: rt.detection,
        language: c.language,
        runtimeLabel: c.runtimeLabel,
        target: c.target,
        ...(cannot ? { cannot } : {}),
        serve: { needed: k.served, available: Boolean(rt.adapter.serve), ...(rt.adapter.serveOnly ? { only: rt.adapter.serveOnly } : {}) },
        ...grantLimit(rt, k),
      }),
    };
  });
  if (opts.shard) {
    const { index, count } = opts.shard;
    planned = planned.filter((c) => parseInt(sha256(c.key).slice(0, 8), 16) % count === index - 1);
  }
  return {
    root, matrix, filters, ...(opts.shard ? { shard: opts.shard } : {}),
    cases: byId,
    cells: planned, excluded, runtimes, toolchains,
    expectations: [...wts.flatMap((w) => w.rules), ...loadExpectations(root)],
    external: external.map((e) => ({ suite: e.cases[0]?.suite ?? e.name, name: e.name, dir: e.dir })),
    profile: opts.profile ?? 'full',
  };
}

export interface RunOptions {
  recordDir: string;
  jobs?: number;
  timeoutMs?: number;
  runId?: string;
  onStart?: (total: number) => void;
  onResult?: (r: Result, done: number, total: number) => void;
  /** A cell's runtime got a slot and starts (called again for a retry with flags). */
  onCellStart?: (key: string) => void;
  /** Also run each case's negative controls and record them in `result.controls`. */
  controls?: boolean;
  /** An interrupted run of the same plan (src/resume.ts): its finished cells are carried, not re-run. */
  resume?: Journal;
}

export interface RunSummary {
  run: RunFile;
  file: string;
  builds: BuildStats;
}

function toolsOf(plan: Plan): Provenance['tools'] {
  const tools: Provenance['tools'] = [];
  for (const [label, r] of plan.runtimes) {
    const d = r.detection;
    tools.push({ id: label, kind: 'runtime', version: d.available ? d.version : null, ...(d.available ? (d.path ? { path: d.path } : {}) : { reason: d.reason }) });
  }
  for (const [lang, t] of plan.toolchains) {
    const versions: [string, Detection][] = [[lang, t.detection], ...Object.entries(t.byTarget ?? {}).map(([target, o]): [string, Detection] => [`${lang} for ${target}`, o.detection])];
    for (const [id, d] of versions) {
      tools.push({ id, kind: 'toolchain', version: d.available ? d.version : null, ...(d.available ? (d.path ? { path: d.path } : {}) : { reason: d.reason }) });
    }
  }
  return tools;
}

/** build → execute → classify → record, for every planned cell, in a bounded pool. */
export async function runPlan(plan: Plan, opts: RunOptions): Promise<RunSummary> {
  const runId = opts.resume?.header.runId ?? opts.runId ?? newRunId();
  const startedAt = opts.resume?.header.startedAt ?? new Date().toISOString();
  const recorder = new RunRecorder(opts.recordDir, runId, { startedAt, plan: planId(plan.cells.map((c) => c.key)) }, opts.resume);
  await sweepStale();
  const limit = pLimit(opts.jobs ?? plan.matrix.jobs);
  const builds: BuildStats = { built: 0, cached: 0 };
  const buildMemo = new Map<string, Promise<BuildRecord>>();
  const scratch = await mkdtemp(join(tmpdir(), `${scratchPrefix}${process.pid}-`));
  // The tree as the run starts: what it measures. A commit or an edit made while it runs makes it dirty.
  const gitAtStart = await gitState(plan.root);
  const hasher = new InputHasher(plan.root);
  const total = plan.cells.length;
  let done = 0;
  opts.onStart?.(total);

  const buildFor = (c: PlannedCell, k: CaseSpec, version: string) => {
    const id = `${c.language}|${k.guest}|${c.target}|${c.variant}`;
    let p = buildMemo.get(id);
    if (!p) {
      const { toolchain: tc, located } = toolchainFor(plan, k, c.language, c.target)!;
      const target = plan.matrix.targets[c.target]!;
      const wit = target.wit ? locate(toSource(target.wit)) : undefined;
      const spec = { ...target, ...(wit?.dir ? { witDir: wit.dir } : {}) };
      const build = () => buildGuest(tc, located, version, { guest: k.guest, target: c.target, variant: c.variant }, spec, plan.root, builds);
      // A prebuilt guest is only copied into the cache: it does not wait behind compilations for a slot.
      p = k.prebuilt ? build() : limit(build);
      buildMemo.set(id, p);
    }
    return p;
  };

  const one = async (c: PlannedCell, index: number): Promise<Result> => {
    const carried = opts.resume?.results.get(c.key);
    if (carried) {
      opts.onResult?.(carried, ++done, total);
      return carried;
    }
    const k = plan.cases.get(`${c.suite}/${c.case}`)!;
    const rt = plan.runtimes.get(c.runtimeLabel)!;
    const tc = toolchainFor(plan, k, c.language, c.target)!;
    const runtimeVersion = rt.detection.available ? rt.detection.version : null;
    const toolchainVersion = tc.detection.available ? tc.detection.version : null;
    const runtimeCap = plan.matrix.runtimes.find((r) => r.id === c.runtime)?.timeoutMs ?? Infinity;
    const languageMs = Math.min(plan.matrix.toolchains.find((t) => t.language === c.language)?.timeoutMs ?? 0, runtimeCap);
    const timeoutMs = opts.timeoutMs ?? Math.max(k.limits.timeoutMs ?? plan.matrix.defaults.timeoutMs, languageMs);
    let build: BuildRecord | undefined;
    let execution: Awaited<ReturnType<typeof driveCell>> | undefined;
    let controls: Result['controls'];
    let passedWith: string[] = [];
    let grants: string[] = [];
    let prepareMs = 0;
    let retryMs = 0;
    if (!c.gate && !k.invalid) {
      build = await buildFor(c, k, toolchainVersion!);
      if (build.ok && build.artifact) {
        const artifact = build.artifact.path;
        const { outputBytes, memoryBytes } = plan.matrix.defaults;
        const limits = { timeoutMs, outputBytes, ...(memoryBytes ? { memoryBytes } : {}) };
        const granted = k.needs.flatMap((n) => rt.adapter.needFlags?.(n, runtimeVersion!) ?? []);
        grants = granted;
        const cell = { k, target: c.target, rt, version: runtimeVersion!, artifact, limits, ...(build.argsBefore ? { argsBefore: build.argsBefore } : {}) };
        const attempt = (tag: string, flags: string[]) => limit(() => {
          opts.onCellStart?.(c.key);
          return driveCell({ ...cell, workDir: join(scratch, tag), flags: [...granted, ...flags] });
        });
        execution = await attempt(String(index), []);
        prepareMs += execution.prepareMs ?? 0;
        // "On by default" or "behind a flag": a run that failed (never one that timed out) is tried once
        // more, through the same path, with the switch the runtime's own error points to.
        const plain = classifyRun(execution);
        if (plain.status !== 'PASS' && plain.status !== 'TIMEOUT') {
          const proposals = [...(k.proposal ? [k.proposal] : []), ...(tc.toolchain.proposals ?? [])];
          const { flags, fromError } = retryFlags(rt.adapter, execution.raw, runtimeVersion!, proposals);
          if (flags.length) {
            const flagged = await attempt(`${index}-flags`, flags);
            prepareMs += flagged.prepareMs ?? 0;
            // The attempt that is not the cell's result is what the retry cost.
            const [plainMs, flaggedMs] = [execution.raw.durationMs, flagged.raw.durationMs];
            const note = `without ${flags.join(' ')}: ${plain.status}${plain.reason ? ` (${plain.reason.slice(0, 160)})` : ''}`;
            const again = classifyRun(flagged).status;
            if (again === 'PASS') {
              execution = { ...flagged, notes: [note] };
              passedWith = flags;
              retryMs = plainMs;
            } else if ((fromError || !k.proposal) && plain.status === 'CRASH' && again !== 'CRASH' && again !== 'TIMEOUT') {
              // The switch the runtime's error named, or the proposals the toolchain's output needs, let the guest
              // load and run: what it then did is the cell's result. A proposal probe's plain crash is its finding.
              execution = { ...flagged, notes: [note] };
              retryMs = plainMs;
            } else {
              execution = { ...execution, notes: [`with ${flags.join(' ')}: ${again} too`] };
              retryMs = flaggedMs;
            }
          }
        }
        // A control proves something only of a check that passed: a failing cell's controls are not run.
        if (opts.controls && k.controls.length && classifyRun(execution).status === 'PASS') {
          controls = await runControls({ ...cell, flags: [...granted, ...passedWith] }, k.controls, (tag, run) => limit(() => run(join(scratch, `${index}-${tag}`))));
        }
      }
    }
    function classifyRun(e: NonNullable<typeof execution>) {
      return classify({ run: e.raw, expect: k.expect });
    }
    const verdict = classify({
      ...(k.invalid ? { invalid: k.invalid } : {}),
      ...(c.gate ? { gate: c.gate } : {}),
      ...(build ? { build: { ok: build.ok, log: build.log } } : {}),
      ...(execution ? { run: execution.raw } : {}),
      expect: k.expect,
    });
    const expectation = findExpectation(plan.expectations, c, runtimeVersion, { status: verdict.status, reason: verdict.reason, failedChecks: verdict.checks.failed.map((f) => f.name) });
    const result: Result = {
      key: c.key, suite: c.suite, case: c.case, language: c.language, target: c.target, variant: c.variant,
      runtime: c.runtime, runtimeLabel: c.runtimeLabel, runtimeVersion, toolchainVersion, features: c.features,
      status: verdict.status,
      reason: passedWith.length && verdict.status === 'PASS' ? `passes with ${passedWith.join(' ')}` : verdict.reason,
      ...(c.gate ? { reasonKind: c.gate.kind } : passedWith.length && verdict.status === 'PASS' ? { reasonKind: 'flag-needed' as const } : {}),
      outcome: overlay(verdict.status, expectation),
      ...(controls ? { controls } : {}),
      ...(expectation ? { expectation } : {}),
      checks: verdict.checks,
      exitCode: execution?.raw.exitCode ?? null,
      stdout: trim(execution?.raw.stdout ?? ''),
      stderr: trim(execution?.raw.stderr ?? ''),
      durations: {
        buildMs: build && !build.cached ? build.durationMs : 0, runMs: execution?.raw.durationMs ?? 0,
        ...(prepareMs ? { prepareMs } : {}), ...(retryMs ? { retryMs } : {}),
      },
      ...(build
        ? {
            build: {
              ...build,
              log: trim(build.log, 2000),
              sources: build.sources.map((s) => {
                recorder.addSource(s.sha256, s.lines);
                return { path: s.path, sha256: s.sha256, lines: s.lines.length };
              }),
            },
          }
        : {}),
      ...(execution?.command
        ? {
            run: {
              argv: [execution.command.file, ...execution.command.args],
              flags: execution.command.flags ?? [],
              notes: [...(execution.command.notes ?? []), ...(execution.notes ?? [])],
              timeoutMs,
              // Capabilities the case needs, apart from switches that enable a feature; ports as placeholders.
              grants: grants.map((g) => g.replace(/\$\{port\}/g, '<port>')),
              ...(plan.matrix.defaults.memoryBytes ? { memory: { bytes: plan.matrix.defaults.memoryBytes, enforcedBy: execution.command.memoryLimit ?? null } } : {}),
            },
          }
        : {}),
      inputs: hasher.of({ ...c, build }),
    };
    recorder.add(result);
    done++;
    opts.onResult?.(result, done, total);
    return result;
  };

  const order = longestFirst(plan.cells.map((c, i) => ({ key: c.key, c, i })), loadTimings());
  const times = new Map<string, number>();
  try {
    await Promise.all(order.map(async ({ c, i }) => {
      const r = await one(c, i);
      // What the cell holds a slot for: its runs and the runtime's preparation of them.
      const ms = r.durations.runMs + (r.durations.prepareMs ?? 0) + (r.durations.retryMs ?? 0);
      if (ms > 0) times.set(r.key, ms);
    }));
  } finally {
    await rm(scratch, { recursive: true, force: true });
    saveTimings(times);
  }
  const git = await gitState(plan.root);
  const run = recorder.close({
    runId, startedAt, finishedAt: new Date().toISOString(),
    gitSha: gitAtStart.sha, gitDirty: gitAtStart.dirty || git.dirty || git.sha !== gitAtStart.sha, host: hostInfo(),
    harness: hasher.harness(),
    filters: plan.filters as Record<string, string[]>,
    ...(plan.shard ? { shard: plan.shard } : {}),
    tools: toolsOf(plan),
    ...(plan.excluded.length ? { excluded: plan.excluded.map((e) => ({ key: e.cell.key, reason: e.reason })) } : {}),
    ...(plan.external.length ? { external: plan.external } : {}),
    profile: plan.profile,
  });
  return { run, file: recorder.file, builds };
}
