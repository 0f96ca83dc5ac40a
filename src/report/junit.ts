import type { Result } from '../types.ts';

const xml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!).replace(/[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd]/g, '');

/** JUnit XML for CI systems: a testsuite per suite, a testcase per cell; only surprises fail. */
export function renderJunit(results: Result[]): string {
  const suites = [...new Set(results.map((r) => r.suite))].sort();
  const body = suites.map((suite) => {
    const rs = results.filter((r) => r.suite === suite);
    const failures = rs.filter((r) => r.outcome === 'unexpected' || r.outcome === 'xpass').length;
    const skipped = rs.filter((r) => r.outcome === 'skip').length;
    const time = rs.reduce((t, r) => t + r.durations.runMs, 0) / 1000;
    const cases = rs.map((r) => {
      const attrs = `classname="${xml(`${r.suite}.${r.language}.${r.runtimeLabel}`)}" name="${xml(r.key)}" time="${(r.durations.runMs / 1000).toFixed(3)}"`;
      if (r.outcome === 'skip') return `    <testcase ${attrs}><skipped message="${xml(`${r.status}: ${r.reason}`)}"/></testcase>`;
      if (r.outcome === 'unexpected' || r.outcome === 'xpass') {
        const msg = r.outcome === 'xpass' ? `unexpected PASS (expected ${r.expectation?.status})` : `${r.status}: ${r.reason}`;
        return `    <testcase ${attrs}><failure message="${xml(msg.slice(0, 500))}" type="${r.status}">${xml(r.stderr.slice(0, 2000))}</failure></testcase>`;
      }
      return `    <testcase ${attrs}/>`;
    });
    return [`  <testsuite name="${xml(suite)}" tests="${rs.length}" failures="${failures}" skipped="${skipped}" time="${time.toFixed(3)}">`, ...cases, '  </testsuite>'].join('\n');
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites name="wasi-matrix">', ...body, '</testsuites>', ''].join('\n');
}
