// A failed provisioning step, recorded beside its log until the step succeeds (or finds its tool present),
// so that inventory can say why a tool is missing rather than "not installed".
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { lastLines, provisionLogDir, stepId, stepLogPath } from './provision-log.ts';
import { writeAtomic } from './results.ts';

export interface ProvisionFailure {
  step: string;
  at: string;
  /** The error the step threw (often only "Command failed with exit code 101: …"). */
  error: string;
  /** The log's last non-empty line: usually the tool's own word on what went wrong. */
  line: string;
  log: string;
}

const markerPath = (name: string) => join(provisionLogDir(), `${stepId(name)}.failed.json`);

export function recordFailure(name: string, error: string): ProvisionFailure {
  const log = stepLogPath(name);
  const failure = { step: name, at: new Date().toISOString(), error, line: lastLines(log, 1)[0]?.trim() || error, log };
  writeAtomic(markerPath(name), `${JSON.stringify(failure, null, 2)}\n`);
  return failure;
}

export function clearFailure(name: string): void {
  rmSync(markerPath(name), { force: true });
}

export function provisionFailure(name: string): ProvisionFailure | null {
  const file = markerPath(name);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ProvisionFailure) : null;
}
