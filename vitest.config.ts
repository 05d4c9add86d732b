import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // yeoman-test changes process.cwd(), which worker threads do not allow.
    pool: 'forks',
    // Hang guards, not speed checks (timed behaviour is in npm run bench): a shared 2-core machine can
    // take several times longer than a quiet one on the same end-to-end step.
    testTimeout: 180_000,
    hookTimeout: 600_000,
    // After the summary: every skipped test, grouped by file and reason.
    reporters: ['default', './test/support/skip-reporter.ts'],
  },
});
