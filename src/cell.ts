import { basename, dirname, posix } from 'node:path';
import { classify } from './classify.ts';
import { drive, type Driven, type RunStep } from './driver.ts';
import type { RuntimeEntry } from './inventory.ts';
import type { Limits } from './proc.ts';
import { memoryBackstop } from './supervise.ts';
import type { CaseSpec, Control, ControlResult, Invocation, RawOutcome, RuntimeAdapter } from './types.ts';
import { baseTarget } from './plan.ts';

export interface Execution extends Driven {
  /** What the runner learned around this execution, e.g. how a run without flags went. */
  notes?: string[];
}

export interface CellRun {
  k: CaseSpec;
  target: string;
  rt: RuntimeEntry;
  version: string;
  artifact: string;
  /** The build's argsBefore: before the case's args in every run (recorded with them in run.argv). */
  argsBefore?: string[];
  limits: Limits;
  workDir: string;
  flags: string[];
  /** A capability granted on purpose (a negative control). */
  grant?: Control['grant'];
}

/** The variable a negative control leaks into the guest's environment. */
export const SENTINEL = { WASI_MATRIX_HOST_SENTINEL: 'leaked' };

/** How a control changes one `run`: the capability it grants, on top of what the case declares. */
function granted(run: RunStep & { artifact: string }, grant: Control['grant'] | undefined): RunStep & { artifact: string } {
  switch (grant) {
    case 'preopen-parent':
      // The parent folder granted where the parent path is: what was outside is now inside.
      return { ...run, preopens: run.preopens.map((p) => ({ host: dirname(p.host), guest: posix.dirname(p.guest) })) };
    case 'inherit-env':
      return { ...run, env: { ...run.env, ...SENTINEL } };
    case 'extra-arg':
      return { ...run, args: [...run.args, 'wasi-matrix-extra-arg'] };
    default:
      return run;
  }
}

/** One cell's script on one runtime: the one path every execution (plain, flagged, control) takes. */
export async function driveCell(c: CellRun): Promise<Execution> {
  const { adapter, located } = c.rt;
  const flags = c.grant === 'network' ? [...c.flags, ...(adapter.needFlags?.('network', c.version) ?? [])] : c.flags;
  const driven = await drive({
    script: c.k.script,
    artifact: c.artifact,
    name: c.k.prebuilt ? basename(c.k.prebuilt.artifact) : c.k.guest,
    ...(c.k.fixtureDir ? { fixtureDir: c.k.fixtureDir } : {}),
    ...(c.k.fixtureOnly ? { fixtureOnly: c.k.fixtureOnly } : {}),
    workDir: c.workDir,
    limits: c.limits,
    async command(step, port) {
      const run = granted(step, c.grant);
      const inv: Invocation = {
        // A runtime is told the base target: what snapshot the artifact binds is the artifact's business.
        artifact: run.artifact, target: baseTarget(c.target), args: [...(c.argsBefore ?? []), ...run.args], env: run.env, preopens: run.preopens,
        workDir: c.workDir, timeoutMs: c.limits.timeoutMs, extraFlags: [...new Set(flags)],
        ...(c.limits.memoryBytes ? { memoryBytes: c.limits.memoryBytes } : {}),
        ...(run.stdin || c.k.script.steps.some((s) => s.op === 'write') ? { stdin: true } : {}),
      };
      if (port === undefined) return adapter.command(inv, located, c.version);
      if (!adapter.serve) throw new Error(`${adapter.id} has no server mode`);
      return adapter.serve(inv, located, c.version, port);
    },
  });
  // Where the runtime has no cap of its own, the process-wide backstop is what holds the guest.
  const backstop = c.limits.memoryBytes && driven.command && !driven.command.memoryLimit ? memoryBackstop(c.limits.memoryBytes) : null;
  const command = driven.command && backstop ? { ...driven.command, memoryLimit: backstop.label } : driven.command;
  return { ...driven, ...(command ? { command } : {}), raw: adapter.normalize(driven.raw) };
}

/**
 * The switch to retry a failed run with: the one the runtime's own error points to (a WASI
 * interface behind a flag), else those of the core proposals the case or toolchain declares.
 */
export function retryFlags(adapter: RuntimeAdapter, raw: RawOutcome, version: string, proposals: string[]): { flags: string[]; fromError: boolean } {
  const fromError = adapter.flagsFor?.(`${raw.internalError ?? ''}\n${raw.trap ?? ''}\n${raw.stderr}`, version) ?? [];
  if (fromError.length) return { flags: fromError, fromError: true };
  return { flags: [...new Set(proposals.flatMap((p) => adapter.proposalFlags?.(p, version) ?? []))], fromError: false };
}

/**
 * Negative controls: each grants a capability on purpose; the checks it names must then fail,
 * or the check could never have failed and proves nothing.
 */
export async function runControls(
  c: Omit<CellRun, 'workDir'>,
  controls: Control[],
  schedule: (tag: string, run: (workDir: string) => Promise<Execution>) => Promise<Execution>,
): Promise<ControlResult[]> {
  return Promise.all(
    controls.map(async (control) => {
      const e = await schedule(`control-${control.grant}`, (workDir) => driveCell({ ...c, workDir, grant: control.grant }));
      const v = classify({ run: e.raw, expect: c.k.expect });
      const failed = v.checks.failed.map((f) => f.name);
      const unproven = control.fails.filter((n) => !failed.includes(n));
      return { grant: control.grant, status: v.status, failedChecks: failed, flipped: !unproven.length, unproven };
    }),
  );
}
