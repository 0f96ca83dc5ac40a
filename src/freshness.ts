import { findExpectation, loadExpectations, overlay } from './expectations.ts';
import { InputHasher, staleness } from './inputs.ts';
import type { Judge } from './report/publication.ts';
import type { RunFile } from './types.ts';

/** HEAD's facts for the report's status rules: the working tree's inputs and today's expectation files. */
export function headJudge(root: string, run: RunFile): Judge {
  const hasher = new InputHasher(root);
  const rules = loadExpectations(root);
  return {
    stale: (r) => staleness(hasher, r, run.provenance.harness),
    expectation: (r) => findExpectation(rules, r, r.runtimeVersion, { status: r.status, reason: r.reason, failedChecks: r.checks.failed.map((f) => f.name) }),
    overlay,
  };
}
