import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { z } from 'zod';
import { STATUSES, type Status } from './status.ts';
import type { Cell, Expectation, Outcome } from './types.ts';
import { loadYaml } from './yaml-file.ts';

const entry = z
  .strictObject({
    match: z
      .strictObject({
        suite: z.string().optional(),
        case: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
        language: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
        runtime: z.string().optional(),
        target: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
        /** The failure itself: the reason matches this pattern… */
        reason: z.string().refine((r) => { try { new RegExp(r); return true; } catch { return false; } }, 'not a valid regular expression').optional(),
        /** …and these checks are among the failed ones. A different failure is then unexpected. */
        checks: z.array(z.string()).min(1).optional(),
        variant: z.string().optional(),
        versions: z.string().refine((r) => semver.validRange(r) !== null, 'not a valid semver range').optional(),
        /** The version of the program hosting the runtime (`+node22.23.3` in the runtime's version). */
        host: z.string().refine((r) => semver.validRange(r) !== null, 'not a valid semver range').optional(),
      })
      .prefault({}),
    status: z.enum(STATUSES.filter((s) => s !== 'PASS') as [Status, ...Status[]]),
    reason: z.string().min(1),
    url: z.url().optional(),
  });

// A file may hold only its header comment: no deviations.
const fileSchema = z.union([z.array(entry), z.strictObject({}).transform(() => [])]);

export interface ExpectationRule extends Expectation {
  match: z.infer<typeof entry>['match'];
}

/**
 * Known deviations live beside what deviates: runtimes/<id>/expectations.yaml for a
 * runtime, guests/<language>/expectations.yaml for a toolchain or target route.
 * The folder fixes the runtime (or language) of every entry in its file.
 */
export function loadExpectations(root: string): ExpectationRule[] {
  const rules: ExpectationRule[] = [];
  // suites/<suite>/expectations.yaml: a deviation of a WASI version or target, declared once for every language.
  for (const [folder, scope] of [['runtimes', 'runtime'], ['guests', 'language'], ['suites', 'suite']] as const) {
    for (const id of readdirSync(join(root, folder), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
      const file = join(root, folder, id, 'expectations.yaml');
      if (!existsSync(file)) continue;
      for (const e of loadYaml(file, fileSchema)) {
        rules.push({ match: { ...e.match, [scope]: id }, status: e.status, reason: e.reason, ...(e.url ? { url: e.url } : {}), file });
      }
    }
  }
  return rules;
}

/** The host version a runtime version names in its build metadata (`1.35.0+node22.23.3` → 22.23.3). */
export function hostVersion(runtimeVersion: string | null): string | null {
  return /\+[a-z]+(\d+\.\d+\.\d+)$/.exec(runtimeVersion ?? '')?.[1] ?? null;
}

/** What a cell came to, as far as expectations can match it. */
export interface Seen {
  status: Status;
  reason: string;
  failedChecks: string[];
}

/**
 * The expectation for a cell. A cell may match a runtime's rule and a toolchain's rule at once
 * (e.g. a build failure on a runtime that could not run it anyway): the one that names the
 * status the cell got wins, else the first. A rule that describes the failure (`reason`,
 * `checks`) matches only that failure: it says nothing of a cell that passes.
 */
export function findExpectation(rules: ExpectationRule[], cell: Cell, runtimeVersion: string | null, seen?: Seen): Expectation | undefined {
  const matching = rules.filter((r) => {
    const m = r.match;
    const cases = m.case === undefined ? undefined : [m.case].flat();
    const languages = m.language === undefined ? undefined : [m.language].flat();
    const targets = m.target === undefined ? undefined : [m.target].flat();
    const describesFailure = m.reason !== undefined || m.checks !== undefined;
    return (
      (m.runtime === undefined || m.runtime === cell.runtime) &&
      (m.suite === undefined || m.suite === cell.suite) &&
      (cases === undefined || cases.includes(cell.case)) &&
      (languages === undefined || languages.includes(cell.language)) &&
      (targets === undefined || targets.includes(cell.target)) &&
      (m.variant === undefined || m.variant === cell.variant) &&
      (m.versions === undefined ||
        (runtimeVersion !== null && semver.satisfies(semver.coerce(runtimeVersion) ?? '0.0.0', m.versions))) &&
      (m.host === undefined || (hostVersion(runtimeVersion) !== null && semver.satisfies(hostVersion(runtimeVersion)!, m.host))) &&
      (!describesFailure ||
        (seen !== undefined && seen.status !== 'PASS' &&
          (m.reason === undefined || new RegExp(m.reason).test(seen.reason)) &&
          (m.checks === undefined || m.checks.every((c) => seen.failedChecks.includes(c)))))
    );
  });
  const rule = matching.find((r) => r.status === seen?.status) ?? matching[0];
  if (!rule) return undefined;
  return { status: rule.status, reason: rule.reason, file: rule.file, ...(rule.url ? { url: rule.url } : {}), ...(rule.anyFailure ? { anyFailure: true } : {}) };
}

/** Expected failure → xfail; unexpected pass → xpass; any other surprise → unexpected. Pure. */
export function overlay(status: Status, expected: Expectation | undefined): Outcome {
  if (status === 'UNSUPPORTED' || status === 'UNAVAILABLE') return 'skip';
  if (!expected) return status === 'PASS' ? 'pass' : 'unexpected';
  if (status === expected.status || (expected.anyFailure && status !== 'PASS')) return 'xfail';
  return status === 'PASS' ? 'xpass' : 'unexpected';
}
