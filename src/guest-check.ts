import { featureMatches } from './filters.ts';
import type { Matrix } from './matrix.ts';
import { loadToolchain } from './plugins.ts';
import type { CaseSpec } from './types.ts';
import { InputError, positionOf, type Problem } from './yaml-file.ts';

/**
 * A case whose guest no language implements (nor declares it cannot) would silently get no cells:
 * a `guest:` typo. Every language of the matrix is asked, whatever the filters, so that a filtered
 * run finds the same typos as a full one.
 */
export async function checkGuests(root: string, matrix: Matrix, cases: CaseSpec[]): Promise<void> {
  const toolchains = await Promise.all(matrix.toolchains.map(async (t) => ({ ...t, toolchain: await loadToolchain(root, t.language) })));
  const problems: Problem[] = [];
  for (const k of cases) {
    if (k.prebuilt) continue;
    let found = false;
    for (const t of toolchains) {
      found ||= Object.keys(t.cannot).some((tag) => featureMatches(tag, k.features)) || (await t.toolchain.sources(k.guest)).length > 0;
      if (found) break;
    }
    if (found) continue;
    const key = k.guest !== k.id ? 'guest' : 'id';
    problems.push({ file: k.file, ...positionOf(k.file, [key]), key, message: `no language has a guest "${k.guest}"` });
  }
  if (problems.length) throw new InputError(problems);
}
