import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { z } from 'zod';
import type { ExpectationRule } from '../expectations.ts';
import { InputError } from '../yaml-file.ts';
import { suiteId } from './wasi-testsuite.ts';

/** The reference runner's expectation file (TOML): per suite and test, skip it or expect it to fail. */
const schema = z.strictObject({
  version: z.literal(1),
  suite: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        test: z
          .array(
            z
              .strictObject({ name: z.string().min(1), action: z.literal('skip').optional(), expected: z.enum(['pass', 'fail']).optional() })
              .refine((t) => t.action !== undefined || t.expected !== undefined, 'a test needs `action` or `expected`'),
          )
          .default([]),
      }),
    )
    .default([]),
});

export interface WtsExpectations {
  /** `suite/test` keys not to run at all. */
  skip: Set<string>;
  /** Tests expected to fail (any failure, as the reference runner counts one). */
  rules: ExpectationRule[];
}

export function loadWtsExpectations(file: string): WtsExpectations {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as Error & { line?: number; column?: number };
    throw new InputError([{ file, line: err.line ?? 1, column: err.column ?? 1, key: '', message: err.message.split('\n')[0] ?? 'not TOML' }]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map((i) => ({ file, line: 1, column: 1, key: i.path.join('.'), message: i.message })));
  }
  const out: WtsExpectations = { skip: new Set(), rules: [] };
  for (const s of parsed.data.suite) {
    const suite = suiteId(s.name);
    for (const t of s.test) {
      if (t.action === 'skip') out.skip.add(`${suite}/${t.name}`);
      if (t.expected === 'fail') out.rules.push({ match: { suite, case: t.name }, status: 'FAIL', anyFailure: true, reason: `expected to fail (${file})`, file });
    }
  }
  return out;
}
