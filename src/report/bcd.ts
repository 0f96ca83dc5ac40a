import semver from 'semver';
import { NOT_RUN } from '../status.ts';
import type { Result, RunFile } from '../types.ts';
import { isExternal } from './external.ts';
import type { Transition } from './history.ts';
import { targetOf, withFeature } from './model.ts';
import { splitFlags, type GrantRules } from './switches.ts';

/** One `simple_support_statement` of MDN browser-compat-data's documented format. */
export interface Statement {
  version_added: string | boolean | null;
  /** `true`: removed, in a version this format cannot name. */
  version_removed?: string | true;
  flags?: { type: 'runtime_flag'; name: string }[];
  partial_implementation?: true;
  notes?: string | string[];
}

/** What one runtime version shows of a feature, from the best route (language, target, variant) measured. */
type State =
  | { kind: 'full'; switches: string[]; grants: string[] }
  | { kind: 'partial'; switches: string[]; grants: string[]; failing: string[] }
  | { kind: 'none'; reasons: string[] };

const MAX_NOTE = 200;
const clip = (s: string) => (s.length > MAX_NOTE ? `${s.slice(0, MAX_NOTE - 1)}…` : s);

/** BCD's version syntax (digits and dots); anything else is a version this format cannot name. */
const bcdVersion = (v: string | null) => (v && /^\d+(\.\d+)*$/.test(v) ? v : null);

function byVersion(a: string, b: string): number {
  const [x, y] = [semver.coerce(a), semver.coerce(b)];
  return x && y ? semver.compare(x, y) || a.localeCompare(b) : a.localeCompare(b);
}

/**
 * A version supports the feature fully when some route passes every measured case of it; partly when
 * no route does but the best one passes some of the feature's cases or checks. Other routes failing
 * (another language, another target) says nothing about this runtime version.
 */
function stateAt(rs: Result[], rules: GrantRules): State {
  const routes = new Map<string, Result[]>();
  for (const r of rs) routes.set(`${r.language}|${targetOf(r)}`, [...(routes.get(`${r.language}|${targetOf(r)}`) ?? []), r]);
  const flagsOf = (xs: Result[]) => {
    const split = xs.map((r) => splitFlags(r, rules));
    return { switches: [...new Set(split.flatMap((s) => s.switches))].sort(), grants: [...new Set(split.flatMap((s) => s.grants.map((g) => g.flag)))].sort() };
  };
  const full = [...routes.values()].filter((xs) => xs.every((r) => r.status === 'PASS')).map(flagsOf);
  if (full.length) {
    // The route needing the fewest switches speaks for the version: on by default beats behind a flag.
    full.sort((a, b) => a.switches.length - b.switches.length || a.switches.join().localeCompare(b.switches.join()));
    return { kind: 'full', ...full[0]! };
  }
  // Only cells that ran to completion speak of partial support: a crash or timeout is not a partial implementation.
  const score = (xs: Result[]) => xs.reduce((n, r) => n + (r.status === 'PASS' ? r.checks.total || 1 : r.status === 'FAIL' ? r.checks.passed : 0), 0);
  const best = [...routes.values()].sort((a, b) => score(b) - score(a))[0];
  if (best && score(best) > 0) {
    const failing = best.filter((r) => r.status !== 'PASS').flatMap((r) =>
      r.checks.failed.length ? r.checks.failed.map((c) => `${r.case}: ${c.name}${c.detail ? ` (${c.detail})` : ''}`) : [`${r.case}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`]);
    return { kind: 'partial', ...flagsOf(best.filter((r) => r.status === 'PASS')), failing };
  }
  return { kind: 'none', reasons: [...new Set(rs.map((r) => `${r.status}: ${r.reason}`))] };
}

const signature = (s: State) => (s.kind === 'none' ? 'none' : `${s.kind}|${s.switches.join(' ')}`);

/**
 * Support of one runtime for one feature as BCD statements: one per contiguous range of measured
 * versions with the same support (on by default, behind the same switches, partial), newest first.
 * `version_removed` is the first measured version after a range that no longer supports it that way.
 */
export function supportStatements(rs: Result[], rules: GrantRules, grantsOut: Set<string>): Statement | Statement[] {
  const measured = rs.filter((r) => !NOT_RUN.has(r.status));
  if (!measured.length) {
    const why = [...new Set(rs.map((r) => `${r.runtimeLabel}: ${r.status}: ${r.reason}`))].slice(0, 3).map(clip);
    return { version_added: null, ...notes(why) };
  }
  const versions = [...new Set(measured.map((r) => r.runtimeVersion ?? ''))].sort(byVersion);
  const states = versions.map((v) => ({ v, state: stateAt(measured.filter((r) => (r.runtimeVersion ?? '') === v), rules) }));
  const ranges: { from: string; until?: string; state: State }[] = [];
  for (const { v, state } of states) {
    const last = ranges.at(-1);
    if (last && signature(last.state) === signature(state)) continue;
    if (last) last.until = v;
    ranges.push({ from: v, state });
  }
  const statements: Statement[] = [];
  for (const { from, until, state } of ranges) {
    if (state.kind === 'none') continue;
    for (const g of state.grants) grantsOut.add(g);
    const added = bcdVersion(from) ?? true;
    const removed = until === undefined ? undefined : (bcdVersion(until) ?? true);
    const why: string[] = [];
    if (state.kind === 'partial') why.push(...state.failing.slice(0, 3).map((f) => clip(`Fails${from ? ` at ${from}` : ''}: ${f}`)));
    if (state.grants.length) why.push(`Run with capability grants (not feature switches): ${state.grants.join(' ')}`);
    statements.push({
      version_added: added,
      ...(removed ? { version_removed: removed } : {}),
      ...(state.switches.length ? { flags: state.switches.map((name) => ({ type: 'runtime_flag' as const, name })) } : {}),
      ...(state.kind === 'partial' ? { partial_implementation: true as const } : {}),
      ...notes(why),
    });
  }
  if (!statements.length) {
    const reasons = states.flatMap(({ v, state }) => (state.kind === 'none' ? state.reasons.map((r) => `${v}: ${r}`) : []));
    return { version_added: false, ...notes([...new Set(reasons)].slice(0, 3).map(clip)) };
  }
  // BCD orders statements by relevance: the newest range first, unflagged before flagged.
  statements.reverse();
  statements.sort((a, b) => Number(!!a.flags) - Number(!!b.flags));
  return statements.length === 1 ? statements[0]! : statements;
}

/** BCD's notes: a string when one, an array when several, absent when none. */
function notes(xs: string[]): { notes?: string | string[] } {
  return xs.length === 0 ? {} : xs.length === 1 ? { notes: xs[0]! } : { notes: xs };
}

export interface BcdInput {
  results: Result[];
  features: Record<string, string>;
  runs: RunFile[];
  rules: GrantRules;
  /** The data's version (`__meta.version`) and when it was made. */
  version: string;
  /** What the newest run changed: cells that started or stopped passing in it. */
  changelog: Transition[];
  timestamp: string;
}

type Identifier = { __compat?: unknown; [name: string]: unknown };

/**
 * compat.json in the shape of MDN browser-compat-data: runtimes are the "browsers" (with their measured
 * versions as releases), features are identifiers nested by their dotted ids, and each language is a
 * sub-feature of the feature (how that language's guests fare). Capability grants are not `flags`:
 * they are kept in `__wasi_matrix.grants` and named in the statement's notes. External suites are left out.
 */
export function renderBcd(input: BcdInput): unknown {
  const ours = input.results.filter((r) => !isExternal(r));
  const out: Record<string, unknown> = {};
  const grants: Record<string, Record<string, string[]>> = {};
  const browsers: Record<string, unknown> = {};
  for (const runtime of [...new Set(ours.map((r) => r.runtime))].sort()) {
    const versions = [...new Set(ours.filter((r) => r.runtime === runtime && !NOT_RUN.has(r.status)).map((r) => bcdVersion(r.runtimeVersion)).filter((v): v is string => !!v))].sort(byVersion);
    browsers[runtime] = {
      name: runtime, type: 'server', accepts_flags: true, accepts_webextensions: false,
      releases: Object.fromEntries(versions.map((v, i) => [v, { status: i === versions.length - 1 ? 'current' : 'retired' }])),
    };
  }
  for (const [feature, description] of Object.entries(input.features)) {
    const rs = withFeature(ours, feature);
    if (!rs.length) continue;
    const runtimes = [...new Set(rs.map((r) => r.runtime))].sort();
    const support: Record<string, unknown> = {};
    for (const rt of runtimes) {
      const used = new Set<string>();
      support[rt] = supportStatements(rs.filter((r) => r.runtime === rt), input.rules, used);
      if (used.size) (grants[feature] ??= {})[rt] = [...used].sort();
    }
    const node = feature.split('.').reduce<Identifier>((at, name) => (at[name] ??= {}) as Identifier, out as Identifier);
    node.__compat = { description, support };
    for (const language of [...new Set(rs.map((r) => r.language))].sort()) {
      const mine = rs.filter((r) => r.language === language);
      const bySupport = Object.fromEntries([...new Set(mine.map((r) => r.runtime))].sort().map((rt) => [rt, supportStatements(mine.filter((r) => r.runtime === rt), input.rules, new Set())]));
      node[language] = { __compat: { description: `${description} (${language} guests)`, support: bySupport } };
    }
  }
  return {
    __meta: { version: input.version, timestamp: input.timestamp },
    __wasi_matrix: {
      generator: 'wasi-matrix',
      runs: input.runs.map((r) => ({ runId: r.provenance.runId, finishedAt: r.provenance.finishedAt, gitSha: r.provenance.gitSha, gitDirty: r.provenance.gitDirty })),
      grants,
      changelog: input.changelog.map((t) => ({ cell: t.line, from: t.from, to: t.to, runtimeVersion: t.runtimeVersion, toolchainVersion: t.toolchainVersion, reason: t.reason })),
    },
    browsers,
    ...out,
  };
}
