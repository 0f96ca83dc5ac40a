import { cp, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runLimited, type Limits } from './proc.ts';
import type { CaseSpec, CommandSpec, Located, RawOutcome, RuntimeAdapter } from './types.ts';

export interface Execution {
  raw: RawOutcome;
  command?: CommandSpec;
  /** What the runner learned around this execution, e.g. how a run without flags went. */
  notes?: string[];
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
  await mkdir(workDir, { recursive: true });
  const fixtureDir = join(workDir, 'fixture');
  let command: CommandSpec | undefined;
  try {
    if (k.invoke.fixtureDir) await cp(k.invoke.fixtureDir, fixtureDir, { recursive: true });
    else await mkdir(fixtureDir);
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
      },
      where,
      version,
    );
    const raw = await runLimited(
      { file: command.file, args: command.args, env: command.env ?? {}, cwd: workDir, ...(k.invoke.stdin !== undefined ? { stdin: k.invoke.stdin } : {}) },
      limits,
    );
    return { raw: adapter.normalize(raw), command };
  } catch (e) {
    const raw: RawOutcome = {
      exitCode: null, signal: null, timedOut: false, outputLimited: false, stdout: '', stderr: '', durationMs: 0,
      harnessError: `${(e as Error).message}`,
    };
    return { raw, ...(command ? { command } : {}) };
  }
}
