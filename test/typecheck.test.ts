import { join } from 'node:path';
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';

// vitest strips types without checking them; this keeps `strict` honest.
test('the project type-checks', async () => {
  const r = await execa(join(ROOT, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', ROOT], { reject: false });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
});
