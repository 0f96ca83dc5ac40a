// The whole output of every provisioning step, kept in the cache: "exit code 101" alone says nothing,
// and a step that failed on a fresh machine may pass by hand a minute later.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { sha256 } from './hash.ts';
import { cacheDir } from './paths.ts';

export function provisionLogDir(): string {
  return join(cacheDir(), 'provision', 'logs');
}

/** A step's name as a file name (`cargo: wasmi_cli@2.0.0` → `cargo-wasmi_cli@2.0.0`); a long one is shortened with a hash. */
export function stepId(name: string): string {
  const id = name.replace(/[^A-Za-z0-9.@=_+-]+/g, '-').replace(/^-+|-+$/g, '');
  return id.length <= 100 ? id : `${id.slice(0, 80)}-${sha256(name).slice(0, 12)}`;
}

export function stepLogPath(name: string): string {
  return join(provisionLogDir(), `${stepId(name)}.log`);
}

/** Starts a step's log afresh: it holds the latest provisioning of the step (every attempt of it). */
export function startLog(name: string): string {
  const file = stepLogPath(name);
  mkdirSync(provisionLogDir(), { recursive: true });
  writeFileSync(file, '');
  return file;
}

/** A harness line (attempt header, command, error), on a line of its own even after output without a final newline. */
export function note(file: string, line: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  appendFileSync(file, `${text && !text.endsWith('\n') ? '\n' : ''}${line}\n`);
}

/** execa that writes each command and its stdout+stderr to `file`, and still returns the output as usual. */
export function loggedExeca(file: string) {
  const to = ['pipe', { file, append: true }] as const;
  return execa({
    stdout: to,
    stderr: to,
    // The output goes to the file above; the command line is wanted too, and execa's verbose hook has it.
    verbose: (_line: string, event: { type: string; message: string }) => {
      if (event.type === 'command') note(file, `$ ${event.message}`);
    },
  });
}

export type Run = ReturnType<typeof loggedExeca>;

/** The log's last `n` lines, blank lines at its end left out. */
export function lastLines(file: string, n: number): string[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  while (lines.length && !lines.at(-1)!.trim()) lines.pop();
  return lines.slice(-n);
}
