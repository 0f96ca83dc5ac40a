import { execa } from 'execa';

export interface Limits {
  timeoutMs: number;
  outputBytes: number;
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
}

/**
 * The one way the harness starts a runtime: in its own process group (so the group can be killed
 * whole), with exactly the environment given (nothing from the host, so results do not depend on
 * who ran them), stdin a pipe, output as text.
 */
export function spawnGroup(spec: ProcSpec) {
  return execa(spec.file, spec.args, {
    env: spec.env ?? {}, extendEnv: false, cwd: spec.cwd, detached: true, reject: false, stdin: 'pipe', encoding: 'utf8',
  });
}
