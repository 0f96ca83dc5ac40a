import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'suites/*.test.ts'],
    // Conformance files build and run their whole plan in beforeAll, in our own bounded pool.
    hookTimeout: 30 * 60_000,
    testTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
