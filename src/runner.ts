import { tmpdir } from 'node:os';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { buildGuest, type BuildStats } from './build.ts';
import { loadCases } from './cases.ts';
import { checkGuests } from './guest-check.ts';
import { prebuilt } from './external/prebuilt.ts';
import { loadWasiTestsuite } from './external/wasi-testsuite.ts';
import { driveOperations, preopensOf, type Starter } from './operations.ts';
import type { Limits } from './proc.ts';
import { classify } from './classify.ts';
import { executeCell, freshFixture, harnessFailure, type Execution } from './execute.ts';
import { freePort, httpProbe, serveCell, tcpProbe } from './serve.ts';
import { findExpectation, loadExpectations, overlay, type ExpectationRule } from './expectations.ts';
import { featureMatches, type Filters } from './filters.ts';
import { loadMatrix, type Matrix } from './matrix.ts';
import { expand, gate, type Gate, type PlanInput } from './plan.ts';
import { inventory, type RuntimeEntry, type ToolchainEntry } from './inventory.ts';
import { startPeer } from './peers.ts';
import { gitState, hostInfo, newRunId } from './provenance.ts';
import { RunRecorder } from './results.ts';
import { planId, type Journal } from './resume.ts';
import { scratchPrefix, sweepStale } from './stale.ts';
import { trim } from './trim.ts';
import { sha256 } from './hash.ts';
import type { BuildRecord, CaseSpec, Cell, CommandSpec, Provenance, Result, RunFile } from './types.ts';

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
}

export interface PlanOptions {
  root: string;
  filters?: Filters;
  matrixFile?: string;
  shard?: { index: number; count: number };
  /** External suites to import, e.g. a wasi-testsuite checkout (beside those matrix.yaml names). */
  external?: { format: 'wasi-testsuite'; path: string }[];
}

/**
 * A served case (the runtime's server mode) or a listening guest (run with `${port}`): started on
 * a free loopback port, probed by the harness, then stopped.
 */
async function serveExecution(
  k: CaseSpec, artifact: string, target: string, rt: RuntimeEntry, version: string, workDir: string, timeoutMs: number, flags: string[],
): Promise<Execution> {
  await mkdir(workDir, { recursive: true });
  const port = await freePort();
  const at = (a: string) => a.replaceAll('${port}', String(port));
  const inv = { artifact, target, args: k.invoke.args.map(at), env: k.invoke.env, preopens: [], workDir, timeoutMs, extraFlags: flags.map(at) };
  const command = k.serve ? rt.adapter.serve!(inv, rt.located, version, port) : await rt.adapter.command(inv, rt.located, version);
  const probe = k.serve ? httpProbe(k.serve) : tcpProbe(k.listen!);
  const raw = await serveCell(command, port, probe, timeoutMs, workDir, Boolean(k.serve));
  return { raw: rt.adapter.normalize(raw), command };
}

/**
 * A scripted case: each `run` starts the runtime afresh (its server mode for wasi:http/service, on a
 * free loopback port) with that run's args, env and preopens into the cell's copy of the fixture.
 */
async function scriptExecution(
  k: CaseSpec, artifact: string, target: string, rt: RuntimeEntry, version: string, workDir: string, limits: Limits, flags: string[],
): Promise<Execution> {
  let command: CommandSpec | undefined;
  let fixture = '';
  const start: Starter = async (run) => {
    const preopens = preopensOf(run).map((p) => ({ host: resolve(fixture, p.host), guest: p.guest }));
    const inv = { artifact, target, args: run.args, env: run.env, preopens, workDir, timeoutMs: limits.timeoutMs, extraFlags: flags };
    if (k.world !== 'wasi:http/service') return { command: (command = await rt.adapter.command(inv, rt.located, version)) };
    const port = await freePort();
    return { command: (command = rt.adapter.serve!(inv, rt.located, version, port)), port };
  };
  try {
    fixture = await freshFixture(k, workDir);
    const raw = await driveOperations(k.operations!, start, limits, workDir);
    return { raw: rt.adapter.normalize(raw), ...(command ? { command } : {}) };
  } catch (e) {
    return { raw: harnessFailure((e as Error).message), ...(command ? { command } : {}) };
  }
}

/** The toolchain of a cell: ours for its language, or the prebuilt copy for an external case. */
function toolchainFor(plan: Pick<Plan, 'toolchains'>, k: CaseSpec, language: string): ToolchainEntry | undefined {
  if (k.prebuilt) return { toolchain: prebuilt, located: { source: { kind: 'builtin' } }, detection: { available: true, version: 'prebuilt' } };
  return plan.toolchains.get(language);
}

/** The reason matrix.yaml gives for a language not expressing any of a case's features. */
function cannotOf(matrix: Matrix, language: string, k: CaseSpec): string | undefined {
  const cannot = matrix.toolchains.find((t) => t.language === language)?.cannot ?? {};
  return Object.entries(cannot).find(([tag]) => featureMatches(tag, k.features))?.[1];
}

const servedCase = (k: CaseSpec) => Boolean(k.serve) || k.world === 'wasi:http/service';

/** Reads matrix.yaml and the cases, detects every tool, and expands the filtered cells. */
export async function makePlan(opts: PlanOptions): Promise<Plan> {
  const { root } = opts;
  const filters = opts.filters ?? {};
  const matrix = loadMatrix(root, opts.matrixFile);
  const targets = Object.keys(matrix.targets);
  const wanted = (suite: string) => !filters.suite?.length || filters.suite.includes(suite);
  const external = [...matrix.external, ...(opts.external ?? [])].flatMap((e) => loadWasiTestsuite(resolve(root, e.path)).suites);
  const ours = filters.suite?.length ? filters.suite.filter((s) => !s.startsWith('external:')) : matrix.suites;
  const caseList = [...loadCases(root, ours, new Set(targets)), ...external.flatMap((s) => s.cases).filter((k) => wanted(k.suite))];
  await checkGuests(root, matrix, caseList);

  const { toolchains, runtimes } = await inventory(root, matrix, filters.language);
  const languages: PlanInput['languages'] = {};
  for (const [language, { toolchain }] of toolchains) {
    const guests = new Set<string>();
    // A case in a feature the language cannot express gets cells too, to say so.
    for (const k of caseList) if ((await toolchain.sources(k.guest)).length || cannotOf(matrix, language, k)) guests.add(k.guest);
    languages[language] = { guests, ...(toolchain.variants ? { variants: toolchain.variants } : {}) };
  }

  const { cells, excluded } = expand({ cases: caseList, targets, languages, instances: matrix.instances, filters, exclude: matrix.exclude });
  const byId = new Map(caseList.map((k) => [`${k.suite}/${k.id}`, k]));
  let planned: PlannedCell[] = cells.map((c) => {
    const tc = toolchainFor({ toolchains }, byId.get(`${c.suite}/${c.case}`)!, c.language)!;
    const rt = runtimes.get(c.runtimeLabel)!;
    const k = byId.get(`${c.suite}/${c.case}`)!;
    const cannot = k.prebuilt ? undefined : cannotOf(matrix, c.language, k);
    return {
      ...c,
      gate: gate({
        toolchainTargets: tc.toolchain.targets,
        toolchain: tc.detection,
        runtimeTargets: rt.adapter.targets,
        runtime: rt.detection,
        language: c.language,
        runtimeLabel: c.runtimeLabel,
        target: c.target,
        ...(cannot ? { cannot } : {}),
        serve: { needed: servedCase(byId.get(`${c.suite}/${c.case}`)!), available: Boolean(rt.adapter.serve), ...(rt.adapter.serveOnly ? { only: rt.adapter.serveOnly } : {}) },
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
    expectations: loadExpectations(root),
  };
}

export interface RunOptions {
  recordDir: string;
  jobs?: number;
  timeoutMs?: number;
  runId?: string;
  onStart?: (total: number) => void;
  onResult?: (r: Result, done: number, total: number) => void;
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
    const d = t.detection;
    tools.push({ id: lang, kind: 'toolchain', version: d.available ? d.version : null, ...(d.available ? (d.path ? { path: d.path } : {}) : { reason: d.reason }) });
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
  const total = plan.cells.length;
  let done = 0;
  opts.onStart?.(total);

  const buildFor = (c: PlannedCell, k: CaseSpec, version: string) => {
    const id = `${c.language}|${k.guest}|${c.target}|${c.variant}`;
    let p = buildMemo.get(id);
    if (!p) {
      const { toolchain: tc, located } = toolchainFor(plan, k, c.language)!;
      const spec = plan.matrix.targets[c.target]!;
      p = limit(() => buildGuest(tc, located, version, { guest: k.guest, target: c.target, variant: c.variant }, spec, plan.root, builds));
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
    const tc = toolchainFor(plan, k, c.language)!;
    const runtimeVersion = rt.detection.available ? rt.detection.version : null;
    const toolchainVersion = tc.detection.available ? tc.detection.version : null;
    const timeoutMs = opts.timeoutMs ?? k.limits.timeoutMs ?? plan.matrix.defaults.timeoutMs;
    let build: BuildRecord | undefined;
    let execution: Awaited<ReturnType<typeof executeCell>> | undefined;
    if (!c.gate && !k.invalid) {
      build = await buildFor(c, k, toolchainVersion!);
      if (build.ok && build.artifact) {
        const { outputBytes, memoryBytes } = plan.matrix.defaults;
        const limits = { timeoutMs, outputBytes, ...(memoryBytes ? { memoryBytes } : {}) };
        const granted = k.needs.flatMap((n) => rt.adapter.needFlags?.(n, runtimeVersion!) ?? []);
        const attempt = (dir: string, flags: string[]) =>
          limit(async () => {
            // A peer lives exactly as long as the one execution it serves.
            const peer = k.peer ? await startPeer(k.peer) : null;
            const args = k.invoke.args.map((a) => (peer ? a.replaceAll('${peer}', peer.address) : a));
            try {
              return await executeCell({ ...k, invoke: { ...k.invoke, args } }, build!.artifact!.path, c.target, rt.adapter, rt.located,
                runtimeVersion!, join(scratch, dir), limits, [...granted, ...flags]);
            } finally {
              await peer?.stop();
            }
          });
        execution = k.operations
          ? await limit(() => scriptExecution(k, build!.artifact!.path, c.target, rt, runtimeVersion!, join(scratch, String(index)), limits, granted))
          : k.serve || k.listen
            ? await limit(() => serveExecution(k, build!.artifact!.path, c.target, rt, runtimeVersion!, join(scratch, String(index)), timeoutMs, granted))
            : await attempt(String(index), []);
        // "On by default" or "behind a flag": a proposal that fails plainly is tried once more with its flags.
        const proposals = [...(k.proposal ? [k.proposal] : []), ...(tc.toolchain.proposals ?? [])];
        const flags = [...new Set(proposals.flatMap((p) => rt.adapter.proposalFlags?.(p, runtimeVersion!) ?? []))];
        if (flags.length && classifyRun(execution).status !== 'PASS') {
          const plain = classifyRun(execution);
          const flagged = await attempt(`${index}-flags`, flags);
          const note = `without flags: ${plain.status}${plain.reason ? ` (${plain.reason.slice(0, 160)})` : ''}`;
          if (classifyRun(flagged).status === 'PASS') execution = { ...flagged, notes: [note] };
          else execution = { ...execution, notes: [`with ${flags.join(' ')}: ${classifyRun(flagged).status} too`] };
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
    const expectation = findExpectation(plan.expectations, c, runtimeVersion, verdict.status);
    const result: Result = {
      key: c.key, suite: c.suite, case: c.case, language: c.language, target: c.target, variant: c.variant,
      runtime: c.runtime, runtimeLabel: c.runtimeLabel, runtimeVersion, toolchainVersion, features: c.features,
      status: verdict.status, reason: verdict.reason, outcome: overlay(verdict.status, expectation),
      ...(expectation ? { expectation } : {}),
      checks: verdict.checks,
      exitCode: execution?.raw.exitCode ?? null,
      stdout: trim(execution?.raw.stdout ?? ''),
      stderr: trim(execution?.raw.stderr ?? ''),
      durations: { buildMs: build && !build.cached ? build.durationMs : 0, runMs: execution?.raw.durationMs ?? 0 },
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
              ...(plan.matrix.defaults.memoryBytes ? { memory: { bytes: plan.matrix.defaults.memoryBytes, enforcedBy: execution.command.memoryLimit ?? null } } : {}),
            },
          }
        : {}),
    };
    recorder.add(result);
    done++;
    opts.onResult?.(result, done, total);
    return result;
  };

  try {
    await Promise.all(plan.cells.map((c, i) => one(c, i)));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const git = await gitState(plan.root);
  const run = recorder.close({
    runId, startedAt, finishedAt: new Date().toISOString(),
    gitSha: git.sha, gitDirty: git.dirty, host: hostInfo(),
    filters: plan.filters as Record<string, string[]>,
    ...(plan.shard ? { shard: plan.shard } : {}),
    tools: toolsOf(plan),
  });
  return { run, file: recorder.file, builds };
}
