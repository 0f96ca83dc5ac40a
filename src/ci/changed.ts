/**
 * What a change touches, as `npm test` filters: a runtime folder, a language folder or a suite
 * folder narrows the run to it. A change anywhere else (the core, matrix.yaml, the lock file) may
 * affect any cell: `core` says so, and the caller decides how much to run.
 */
export function filtersForChange(paths: string[]): { args: string[]; core: boolean } {
  const found = { runtime: new Set<string>(), language: new Set<string>(), suite: new Set<string>() };
  let core = false;
  for (const p of paths) {
    const m = /^(runtimes|guests|suites)\/([^/]+)\//.exec(p);
    if (m) found[m[1] === 'runtimes' ? 'runtime' : m[1] === 'guests' ? 'language' : 'suite'].add(m[2]!);
    else if (/^(src|scripts|test)\/|^(matrix\.yaml|package(-lock)?\.json|vitest\.config\.ts|tsconfig\.json)$/.test(p)) core = true;
  }
  const args = Object.entries(found).flatMap(([k, v]) => (v.size ? [`--${k}=${[...v].sort().join(',')}`] : []));
  return { args, core };
}
