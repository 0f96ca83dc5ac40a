import { cp, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runLimited, type Limits } from './proc.ts';
import { memoryBackstop } from './supervise.ts';
import type { CaseSpec, CommandSpec, Located, RawOutcome, RuntimeAdapter } from './types.ts';

export interface Execution {
  raw: RawOutcome;
  command?: CommandSpec;
  /** What the runner learned around this execution, e.g. how a run without flags went. */
  notes?: string[];
}

/** The cell's own copy of its fixture tree (tests write into it), or an empty folder. */
export async function freshFixture(k: CaseSpec, workDir: string): Promise<string> {
  const fixtureDir = join(workDir, 'fixture');
  await mkdir(workDir, { recursive: true });
  if (k.invoke.fixtureDir) await cp(k.invoke.fixtureDir, fixtureDir, { recursive: true });
  else await mkdir(fixtureDir);
  return fixtureDir;
}

/** The outcome when the harness itself could not start or follow the run. */
export function harnessFailure(message: string): RawOutcome {
  return { exitCode: null, signal: null, timedOut: false, outputLimited: false, stdout: '', stderr: '', durationMs: 0, harnessError: message };
}

/** Gives the cell a fresh copy of its fixture, then runs the guest on the runtime under limits. */
export async function executeCell(
  k: CaseSpec,
  artifact: string,
  target: string,
  adapter: RuntimeAdapter,
  where: Located,
  version: string,
  workDir: string,
  limits: Limits,
  extraFlags: string[] = [],
): Promise<Execution> {
  let command: CommandSpec | undefined;
  try {
    const fixtureDir = await freshFixture(k, workDir);
    command = await adapter.command(
      {
        artifact,
        target,
        args: k.invoke.args,
        env: k.invoke.env,
        preopens: k.invoke.preopens.map((p) => ({ host: resolve(fixtureDir, p.host), guest: p.guest })),
        workDir,
        timeoutMs: limits.timeoutMs,
        extraFlags,
        ...(limits.memoryBytes ? { memoryBytes: limits.memoryBytes } : {}),
      },
      where,
      version,
    );
    const raw = await runLimited(
      { file: command.file, args: command.args, env: command.env ?? {}, cwd: workDir, ...(k.invoke.stdin !== undefined ? { stdin: k.invoke.stdin } : {}) },
      limits,
    );
    // Where the runtime has no cap of its own, the process-wide backstop is what holds the guest.
    const backstop = limits.memoryBytes && !command.memoryLimit ? memoryBackstop(limits.memoryBytes) : null;
    return { raw: adapter.normalize(raw), command: backstop ? { ...command, memoryLimit: backstop.label } : command };
  } catch (e) {
    return { raw: harnessFailure((e as Error).message), ...(command ? { command } : {}) };
  }
}
