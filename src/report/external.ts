import type { Result } from '../types.ts';

/**
 * A result of an external suite (wasi-testsuite and the like): a prebuilt artifact in the suite's source
 * language, not a guest our toolchain built. Such cells keep their own rows; they say nothing about our
 * languages or what migrating them costs.
 */
export const isExternal = (r: Pick<Result, 'suite' | 'build'>): boolean =>
  r.suite.startsWith('external:') || r.build?.toolchain.version === 'prebuilt';

/** The row a result belongs to in language-keyed tables: its language, or its external suite. */
export const rowLanguage = (r: Result): string => (isExternal(r) ? `${r.suite} (${r.language})` : r.language);
