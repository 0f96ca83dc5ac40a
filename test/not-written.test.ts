import { expect, test } from 'vitest';
import { ROOT } from '../src/paths.ts';
import { makePlan } from '../src/runner.ts';

// matrix.yaml's notWritten names a route on some targets (Java and Zig sockets on p2+adapter). A case
// that has none of those targets (tcp-accept is p1 only) and no guest in the language gets no cells:
// before, the route alone made cells, and they were built from a source that does not exist.
test('a route named for p2 gives a p1-only case no cells in a language without its guest', async () => {
  const plan = await makePlan({ root: ROOT, filters: { case: ['sockets/tcp-accept', 'sockets/tcp-client'], language: ['java', 'zig'] } });
  expect(plan.cells.filter((c) => c.case === 'tcp-accept')).toEqual([]);
  const client = plan.cells.filter((c) => c.case === 'tcp-client' && c.target === 'p2' && c.variant === 'adapter');
  expect(client.length).toBeGreaterThan(0);
  for (const c of client) expect(c.gate, c.key).toMatchObject({ status: 'UNAVAILABLE', reason: expect.stringMatching(/no guest written yet for this route/) });
});
