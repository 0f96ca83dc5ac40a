import { execa } from 'execa';
import { adopt, guardDir, release, supervised } from './supervise.ts';
import type { RawOutcome } from './types.ts';

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
  stdin?: string;
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
 * Runs one process in its own group under a wall-clock limit and an output cap.
 * The environment is exactly `env` (plus nothing from the host), so results do not
 * depend on who ran them.
 */
export async function runLimited(spec: ProcSpec, limits: Limits): Promise<RawOutcome> {
  const started = performance.now();
  let timedOut = false;
  let outputLimited = false;
  let seen = 0;
  guardDir(spec.cwd);
  const cmd = supervised(spec.file, spec.args, limits.memoryBytes);
  const child = execa(cmd.file, cmd.args, {
    env: spec.env ?? {},
    extendEnv: false,
    cwd: spec.cwd,
    input: spec.stdin ?? '',
    detached: true,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: limits.outputBytes * 2,
  });
  adopt(child.pid);
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, limits.timeoutMs);
  const count = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limits.outputBytes && !outputLimited) {
      outputLimited = true;
      killGroup(child.pid);
    }
  };
  child.stdout?.on('data', count);
  child.stderr?.on('data', count);
  try {
    const r = await child;
    const killedByUs = timedOut || outputLimited;
    return {
      exitCode: r.exitCode ?? null,
      signal: killedByUs ? null : (r.signal ?? null),
      timedOut,
      outputLimited: outputLimited && !timedOut,
      stdout: String(r.stdout ?? ''),
      stderr: String(r.stderr ?? ''),
      durationMs: Math.round(performance.now() - started),
      ...(r.failed && r.exitCode === undefined && !r.signal && !killedByUs && !r.isMaxBuffer
        ? { harnessError: r.shortMessage }
        : {}),
    };
  } finally {
    clearTimeout(timer);
    killGroup(child.pid);
  }
}
