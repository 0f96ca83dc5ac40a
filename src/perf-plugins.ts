import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommandSpec, Located } from './types.ts';

/** guests/<language>/native.ts: the same guest source built for the host, the reference the perf suite is measured against. */
export interface NativeBuild {
  /** Why this machine cannot build natively, when it cannot (the language's perf figures then have no ratio). */
  unavailable?: string;
  /** Builds `guest` for the host into `out` with the toolchain matrix.yaml locates; returns the compiler's version and the argv it ran. */
  build(guest: string, out: string, tmpDir: string, where: Located): Promise<{ version: string; argv: string[] }>;
}

/** runtimes/<id>/perf.ts: how the perf bench runs this runtime, beside its plain command. */
export interface RuntimePerf {
  /**
   * The workload size it runs (a case's `sizes:` entry; the case's own args when absent): an
   * interpreter would take minutes over what a compiler does in a second. Native runs at the same size.
   */
  size?: string;
  /**
   * Other command lines for the same guest, by name (e.g. ahead-of-time compiled, or with the code cache
   * off); each may need a preparation step run once before timing (e.g. the ahead-of-time compile itself).
   */
  variants?(cmd: CommandSpec, artifact: string, outDir: string): { name: string; prepare?: CommandSpec; run: CommandSpec }[];
}

async function optional<T>(file: string): Promise<T | null> {
  if (!existsSync(file)) return null;
  return ((await import(pathToFileURL(file).href)) as { default: T }).default;
}

export const loadNativeBuild = (root: string, language: string) => optional<NativeBuild>(join(root, 'guests', language, 'native.ts'));
export const loadRuntimePerf = (root: string, id: string) => optional<RuntimePerf>(join(root, 'runtimes', id, 'perf.ts'));
