import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import which from 'which';
import { ROOT } from './paths.ts';

/**
 * The runner owns every process group it starts. Three layers, because each covers what the others
 * cannot: an in-process registry killed on SIGINT/SIGTERM/SIGHUP and on exit; a detached supervisor
 * (src/reaper.mjs) that kills the registered groups when the runner dies without a chance to
 * (SIGKILL, an abort); and the kernel's parent-death signal on each direct child (`setpriv
 * --pdeathsig`), which holds even if the supervisor was killed along with the runner's tree.
 */
const live = new Set<number>();
let reaper: ChildProcess | undefined;
let installed = false;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const setpriv = which.sync('setpriv', { nothrow: true });
const prlimit = which.sync('prlimit', { nothrow: true });

/**
 * The backstop under a runtime's own memory cap: RLIMIT_DATA counts only writable private
 * mappings, so the large PROT_NONE reservations of wasmtime's and V8's memories are free while
 * what a guest actually grows into is counted (RLIMIT_AS would refuse the reservations). It
 * bounds the runtime's whole data, compiler included, hence the headroom over the guest's cap.
 */
export function memoryBackstop(guestBytes: number): { bytes: number; label: string } | null {
  if (!prlimit) return null;
  const bytes = guestBytes + (1 << 30);
  return { bytes, label: `RLIMIT_DATA ${bytes} (the runtime process as a whole)` };
}

function killAll(): void {
  for (const pgid of live) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
}

function onSignal(sig: NodeJS.Signals): void {
  killAll();
  // Our listener replaced the default action; give it back when nobody else handles the signal.
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', killAll);
  reaper = spawn(process.execPath, [join(ROOT, 'src', 'reaper.mjs')], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  reaper.on('error', () => undefined);
  reaper.stdin?.on('error', () => undefined);
  // The supervisor must not keep the runner alive; it exits at the runner's exit (EOF on stdin).
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
}

/**
 * The command to spawn instead of `file args`: the child is SIGKILLed by the kernel if the runner
 * dies, and its data is bounded by the memory backstop when a guest cap is given.
 */
export function supervised(file: string, args: string[], guestBytes?: number): { file: string; args: string[] } {
  const backstop = guestBytes ? memoryBackstop(guestBytes) : null;
  const limited = backstop ? { file: prlimit!, args: [`--data=${backstop.bytes}`, '--', file, ...args] } : { file, args };
  return setpriv ? { file: setpriv, args: ['--pdeathsig', 'KILL', '--', limited.file, ...limited.args] } : limited;
}

/**
 * Registers the folder a process is about to be started in, before the spawn: should the runner die
 * before the new group is registered, the supervisor still finds the process by its cwd.
 */
export function guardDir(dir: string | undefined): void {
  install();
  if (dir) reaper?.stdin?.write(`@${resolve(dir)}\n`);
}

/** Registers a process group just started (the child was spawned detached, so its pid is the group). */
export function adopt(pgid: number | undefined): void {
  if (pgid === undefined) return;
  install();
  live.add(pgid);
  reaper?.stdin?.write(`+${pgid}\n`);
}

/** Forgets a group the runner has killed. */
export function release(pgid: number | undefined): void {
  if (pgid === undefined || !live.delete(pgid)) return;
  reaper?.stdin?.write(`-${pgid}\n`);
}

/** The groups currently owned, for tests and diagnostics. */
export function liveGroups(): number[] {
  return [...live];
}
