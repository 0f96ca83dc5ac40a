import type { Result } from '../types.ts';

/** What must agree between two runs of one plan on one machine: everything but timings and output text. */
const verdict = (r: Result) =>
  JSON.stringify([r.status, r.checks.passed, r.checks.total, r.checks.failed.map((c) => c.name).sort()]);

/**
 * Cell-for-cell differences between two runs of the same plan (e.g. N shards merged against one
 * unsharded run): cells only one side has, and cells whose status or checks differ.
 */
export function cellDifferences(a: Result[], b: Result[]): string[] {
  const A = new Map(a.map((r) => [r.key, r]));
  const B = new Map(b.map((r) => [r.key, r]));
  const out: string[] = [];
  for (const [key, ra] of A) {
    const rb = B.get(key);
    if (!rb) out.push(`${key}: only in the first run`);
    else if (verdict(ra) !== verdict(rb)) out.push(`${key}: ${ra.status} ${ra.checks.passed}/${ra.checks.total} vs ${rb.status} ${rb.checks.passed}/${rb.checks.total}`);
  }
  for (const key of B.keys()) if (!A.has(key)) out.push(`${key}: only in the second run`);
  return out.sort();
}
