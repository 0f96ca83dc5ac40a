import type { Readable, Writable } from 'node:stream';
import { execa } from 'execa';
import { adopt, guardDir, release, supervised } from './supervise.ts';

/** How a child ended, as execa reports it. */
export interface Ended {
  exitCode?: number;
  signal?: string;
  failed?: boolean;
  shortMessage?: string;
}

/** What the driver follows and limits: a process group, or a guest in a warm host (src/warm-client.ts). */
export interface Child {
  /** The process group's id; none for a warm host's guest. */
  pid?: number;
  stdout: Readable;
  stderr: Readable;
  stdin: Writable;
  ended: Promise<Ended>;
  /** Sends a `kill` step's signal (throws when it cannot be sent). */
  signal(sig: NodeJS.Signals): void;
  /** Ends it at once, whatever it is doing (the deadline, the output cap, a step that stops it). */
  stop(): void;
}

export interface Limits {
  timeoutMs: number;
  outputBytes: number;
  /** Linear-memory cap handed to the runtime through the invocation. */
  memoryBytes?: number;
}

export interface ProcSpec {
  file: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
}

/** Kills the whole process group: runtimes like jco start a child of their own. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  release(pid);
}

/**
 * The one way the harness starts a runtime: in its own process group (so the group can be killed
 * whole), with exactly the environment given (nothing from the host, so results do not depend on
 * who ran them), stdin a pipe, output as text, under the memory backstop when a cap is given.
 */
export function spawnGroup(spec: ProcSpec, memoryBytes?: number): Child {
  // The runner owns every group it starts (src/supervise.ts): none outlives it, however it dies.
  guardDir(spec.cwd);
  const cmd = supervised(spec.file, spec.args, memoryBytes);
  const child = execa(cmd.file, cmd.args, {
    env: spec.env ?? {}, extendEnv: false, cwd: spec.cwd, detached: true, reject: false, stdin: 'pipe', encoding: 'utf8',
  });
  adopt(child.pid);
  return {
    pid: child.pid, stdout: child.stdout, stderr: child.stderr, stdin: child.stdin, ended: child,
    signal: (sig) => process.kill(-child.pid!, sig),
    stop: () => killGroup(child.pid),
  };
}
