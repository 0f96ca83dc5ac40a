// The bridge from the core to vitest: one test per planned cell. The core knows nothing of vitest.
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import type { Filters } from '../src/filters.ts';
import type { Profile } from '../src/matrix.ts';
import { ROOT } from '../src/paths.ts';
import { makePlan, runPlan } from '../src/runner.ts';
import type { Control, Result } from '../src/types.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    filters: Filters;
    profile: Profile;
    runId: string;
  }
}

declare module '@vitest/runner' {
  interface TaskMeta {
    status?: string;
    outcome?: string;
    reason?: string;
  }
}

function explain(r: Result): string {
  const lines = [`${r.status}: ${r.reason}`];
  if (r.run) lines.push(`command: ${r.run.argv.join(' ')}`);
  if (r.stdout) lines.push(`stdout:\n${r.stdout.slice(0, 1500)}`);
  if (r.stderr) lines.push(`stderr:\n${r.stderr.slice(0, 1500)}`);
  return lines.join('\n');
}

/**
 * Negative controls: a passing cell of a security-relevant case (a `controls:` list) is run again
 * once per control, which grants the capability on purpose (the parent of a preopen, the host's
 * environment, an extra argument, the network). Each control must fail the checks it names: a check
 * that cannot fail is caught here, not by a reader.
 */
function expectControlsFailed(r: Result, controls: readonly Control[]): void {
  for (const control of controls) {
    const c = r.controls?.find((x) => x.grant === control.grant);
    expect(c, `control ${control.grant} was not run`).toBeDefined();
    expect(c!.status, `control ${control.grant} must not pass`).not.toBe('PASS');
    expect(c!.failedChecks, `control ${control.grant} must fail ${control.fails.join(', ')}`).toEqual(expect.arrayContaining(control.fails));
  }
}

/** Plans the suite's cells under the user's filters, runs them all once, and turns each into a test. */
export async function conformance(suite: string): Promise<void> {
  const filters = inject('filters') ?? {};
  const wanted = !filters.suite?.length || filters.suite.includes(suite);
  const plan = wanted ? await makePlan({ root: ROOT, filters: { ...filters, suite: [suite] }, profile: inject('profile') ?? 'default' }) : null;
  const results = new Map<string, Result>();

  describe(suite, () => {
    beforeAll(async () => {
      if (!plan?.cells.length) return;
      const runId = `${inject('runId')}-${suite}`;
      const { run } = await runPlan(plan, { recordDir: join(ROOT, 'reports', 'test-runs'), runId, controls: true });
      for (const r of run.results) results.set(r.key, r);
    });

    if (!plan?.cells.length) {
      test.skip(`no ${suite} cells match the filters`, () => undefined);
      return;
    }

    test.for(plan.cells.map((c) => c.key))('%s', (key, ctx) => {
      const r = results.get(key);
      if (!r) throw new Error(`no result recorded for ${key}`);
      Object.assign(ctx.task.meta, { status: r.status, outcome: r.outcome, reason: r.reason });
      if (r.outcome === 'skip') ctx.skip(`${r.status}: ${r.reason}`);
      if (r.outcome === 'xpass') {
        expect.fail(`unexpected PASS: ${r.expectation?.file} expects ${r.expectation?.status} (${r.expectation?.reason}); remove that entry`);
      }
      if (r.outcome === 'unexpected') {
        const expected = r.expectation ? `expected ${r.expectation.status} (${r.expectation.file}), got ` : '';
        expect.fail(`${expected}${explain(r)}`);
      }
      expect(['pass', 'xfail']).toContain(r.outcome);
      if (r.status === 'PASS') expectControlsFailed(r, plan.cases.get(`${r.suite}/${r.case}`)?.controls ?? []);
    });
  });
}
