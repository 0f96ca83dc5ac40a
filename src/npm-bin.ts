import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export interface NpmTool {
  version: string;
  /** The package's command-line script, to run with `node`. */
  script: string;
  dir: string;
}

/** Finds an installed npm package's version and its (first or named) bin script. */
export function npmTool(pkg: string, binName?: string): NpmTool | { missing: string } {
  // Not require.resolve(`${pkg}/package.json`): packages with an `exports` map refuse it.
  const manifestPath = (require.resolve.paths(pkg) ?? []).map((d) => join(d, pkg, 'package.json')).find((f) => existsSync(f));
  if (!manifestPath) return { missing: `npm package ${pkg} is not installed; run \`npm install\`` };
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string; bin?: string | Record<string, string> };
  const dir = dirname(manifestPath);
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin && (binName ? manifest.bin[binName] : Object.values(manifest.bin)[0]);
  return { version: manifest.version, script: bin ? join(dir, bin) : '', dir };
}
