import { expect, test } from 'vitest';
import { inventory } from '../src/inventory.ts';
import { loadMatrix } from '../src/matrix.ts';
import { ROOT } from '../src/paths.ts';
import { stepsFor } from '../src/provision.ts';

const m = loadMatrix(ROOT);
const fullOnly = m.instances.filter((i) => i.fullOnly);

test('the default profile provisions a subset of the full one, leaving out the full-only versions', () => {
  const full = stepsFor(m, 'full').map((s) => s.name);
  const dflt = stepsFor(m, 'default').map((s) => s.name);
  expect(fullOnly.length).toBeGreaterThan(0);
  expect(dflt.every((n) => full.includes(n))).toBe(true);
  for (const i of fullOnly) if (i.source.kind === 'pypi') expect(dflt).not.toContain(`pypi: ${i.source.package}==${i.source.version}`);
});

test('outside the active profile a runtime reads UNAVAILABLE, not in profile: never a silent skip', async () => {
  const { runtimes } = await inventory(ROOT, m, [], 'default');
  for (const i of fullOnly) {
    expect(runtimes.get(i.label)?.detection).toEqual({ available: false, reason: expect.stringMatching(/^not in profile default/) });
  }
});
