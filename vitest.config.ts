import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // yeoman-test changes process.cwd(), which worker threads do not allow.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // After the summary: every skipped test, grouped by file and reason.
    reporters: ['default', './test/support/skip-reporter.ts'],
  },
});
