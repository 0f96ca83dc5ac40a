import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { MAX_TIMEOUT_MS } from './matrix.ts';
import { PEER_SEES, PEERS } from './peers.ts';
import { compileOurs, harnessChecks } from './script.ts';
import type { CaseSpec } from './types.ts';
import { InputError, loadYaml, positionOf, type Problem } from './yaml-file.ts';

/** Output patterns are compiled here, so a bad one is a located error at load, not a throw mid-run. */
const pattern = z.string().superRefine((p, ctx) => {
  try {
    new RegExp(p, 'm');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
});

const featuresSchema = z.record(z.string().regex(/^[a-z0-9.-]+$/), z.string().min(1));

const caseSchema = (features: Set<string>, targets: Set<string>) =>
  z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title: z.string().min(1),
    features: z.array(z.string().refine((f) => features.has(f), 'not listed in suites/features.yaml')).min(1),
    targets: z.array(z.string().refine((t) => targets.has(t), 'not a target in matrix.yaml')).optional(),
    guest: z.string().optional(),
    invoke: z
      .strictObject({
        args: z.array(z.string()).default([]),
        env: z.record(z.string(), z.string()).default({}),
        stdin: z.string().optional(),
        fixture: z.string().optional(),
        preopens: z
          .array(z.strictObject({ host: z.string(), guest: z.string().startsWith('/') }))
          .default([]),
      })
      .prefault({}),
    expect: z
      .strictObject({
        exit: z.number().int().min(0).max(255).optional(),
        checks: z.array(z.string()).default([]),
        stdout: z.array(pattern).default([]),
        stderr: z.array(pattern).default([]),
        stdoutExcludes: z.array(pattern).default([]),
      })
      .prefault({}),
    /** Named alternatives to invoke.args: the same workload at other sizes (npm run bench picks one per runtime). */
    sizes: z.record(z.string().regex(/^[a-z0-9-]+$/), z.array(z.string())).optional(),
    limits: z.strictObject({ timeoutMs: z.number().int().positive().max(MAX_TIMEOUT_MS).optional() }).prefault({}),
    proposal: z.string().regex(/^[a-z0-9-]+$/).optional(),
    peer: z.enum(PEERS).optional(),
    /** What the peer must have seen: `nothing` where the case is that the guest cannot reach it. */
    peerSees: z.enum(PEER_SEES).optional(),
    needs: z.array(z.enum(['network', 'http', 'listener'])).default([]),
    serve: z
      .array(
        z.strictObject({
          method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'HEAD']).default('GET'),
          path: z.string().startsWith('/'),
          status: z.number().int().default(200),
          body: z.string().optional(),
        }),
      )
      .min(1)
      .optional(),
    listen: z.array(z.strictObject({ send: z.string(), expect: z.string() })).min(1).optional(),
    after: z
      .strictObject({
        exists: z.array(z.string()).default([]),
        absent: z.array(z.string()).default([]),
        contains: z.record(z.string(), z.string()).default({}),
        unchanged: z.array(z.string()).default([]),
      })
      .optional(),
    controls: z
      .array(z.strictObject({ grant: z.enum(['preopen-parent', 'inherit-env', 'network', 'extra-arg']), fails: z.array(z.string()).min(1) }))
      .default([]),
  });

export function loadFeatures(root: string): Record<string, string> {
  return loadYaml(join(root, 'suites', 'features.yaml'), featuresSchema);
}

/** Loads every case of the given suites; collects all problems before throwing. */
export function loadCases(root: string, suites: string[], targets: Set<string>): CaseSpec[] {
  const features = new Set(Object.keys(loadFeatures(root)));
  const schema = caseSchema(features, targets);
  const cases: CaseSpec[] = [];
  const problems: Problem[] = [];
  for (const suite of suites) {
    const dir = join(root, 'suites', suite);
    if (!existsSync(dir)) {
      // matrix.yaml and --suite are checked before this; a caller passing a name of its own is told plainly.
      problems.push({ file: join(root, 'suites'), line: 1, column: 1, key: '', message: `suite "${suite}" has no folder suites/${suite}` });
      continue;
    }
    // expectations.yaml beside the cases holds the suite's deviations, not a case.
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml') && n !== 'expectations.yaml').sort()) {
      const file = join(dir, name);
      try {
        const c = loadYaml(file, schema);
        if (c.id !== basename(name, '.yaml')) {
          problems.push({ file, ...positionOf(file, ['id']), key: 'id', message: `id "${c.id}" must match the file name` });
          continue;
        }
        if (c.invoke.fixture && !existsSync(join(dir, 'fixtures', c.invoke.fixture))) {
          problems.push({ file, ...positionOf(file, ['invoke', 'fixture']), key: 'invoke.fixture', message: `no folder suites/${suite}/fixtures/${c.invoke.fixture}` });
          continue;
        }
        const { guest, targets: caseTargets, invoke: { fixture, ...invoke }, peer, peerSees, serve, listen, after, expect, ...rest } = c;
        const script = compileOurs({ invoke, ...(peer ? { peer } : {}), ...(peerSees ? { peerSees } : {}), ...(serve ? { serve } : {}), ...(listen ? { listen } : {}), ...(after ? { after } : {}) });
        const harness = harnessChecks(script);
        // Harness self-tests (selftest: hostile guests) judge the runner, not the guest: exit codes suffice there.
        const selfTest = rest.features.every((f) => f.startsWith('harness.'));
        if (!selfTest && expect.checks.length + harness.length === 0) {
          problems.push({ file, line: 1, column: 1, key: 'expect.checks', message: 'a case needs at least one check the guest or the harness reports: an exit code alone cannot tell a run from a no-op' });
          continue;
        }
        for (const c2 of rest.controls) {
          const unknown = c2.fails.filter((n) => !expect.checks.includes(n) && !harness.includes(n));
          if (unknown.length) problems.push({ file, line: 1, column: 1, key: 'controls', message: `control ${c2.grant} names checks the case does not have: ${unknown.join(', ')}` });
        }
        cases.push({
          ...rest, suite, file, guest: guest ?? c.id, script,
          // A served handler is stopped by the harness: its exit code means nothing.
          expect: { ...expect, exit: serve ? null : (expect.exit ?? 0), ...(expect.exit !== undefined ? { exitStated: true } : {}), harness },
          served: Boolean(serve),
          ...(fixture ? { fixtureDir: join(dir, 'fixtures', fixture) } : {}),
          ...(caseTargets ? { targets: caseTargets } : {}),
        });
      } catch (e) {
        if (e instanceof InputError) problems.push(...e.problems);
        else throw e;
      }
    }
  }
  if (problems.length) throw new InputError(problems);
  return cases;
}
