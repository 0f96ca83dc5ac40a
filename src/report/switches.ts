import type { Result } from '../types.ts';

/**
 * What the adapters declare as capability grants: per runtime id, the needFlags templates per need
 * (`${port}` and other placeholders stand for run-specific values).
 */
export type GrantRules = Record<string, { need: string; template: string }[]>;

const PLACEHOLDER = /\$\{[^}]+\}/g;

function matches(template: string, flag: string): boolean {
  const re = template.split(PLACEHOLDER).map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')).join('.+');
  return new RegExp(`^${re}$`).test(flag);
}

/**
 * A switch as a reader can reuse it: run-specific values (loopback ports, absolute paths of a scratch
 * folder) become placeholders, so two runs print the same text for the same switch.
 */
export function stripRunValues(flag: string): string {
  return flag
    .replace(/\b((?:\d{1,3}\.){3}\d{1,3}|localhost|\[::1\]):\d+\b/g, '$1:<port>')
    .replace(/(^|[=:,])\/[^\s,:]+/g, '$1<path>');
}

export interface SplitFlags {
  /** Switches that enable a feature (a proposal, a WASI interface): what a user must add for it to work. */
  switches: string[];
  /** Capability grants the case needed (network, http, a listener), with the need they grant. */
  grants: { need: string | null; flag: string }[];
}

/**
 * Splits a result's runtime flags into feature switches and capability grants. A run file that records
 * its grants is taken at its word; older ones are matched against the adapters' declared grants.
 */
export function splitFlags(r: Result, rules: GrantRules): SplitFlags {
  const flags = r.run?.flags ?? [];
  const mine = rules[r.runtime] ?? [];
  const needOf = (flag: string) => mine.find((g) => matches(g.template, flag))?.need ?? null;
  const isGrant = r.run?.grants ? (f: string) => r.run!.grants!.includes(f) : (f: string) => needOf(f) !== null;
  return {
    switches: [...new Set(flags.filter((f) => !isGrant(f)).map(stripRunValues))],
    grants: [...new Map(flags.filter(isGrant).map((f) => [stripRunValues(f), { need: needOf(f), flag: stripRunValues(f) }])).values()],
  };
}
