import { defineConfig } from 'vitest/config';
import LongestFirst from './test/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // yeoman-test changes process.cwd(), which worker threads do not allow.
    pool: 'forks',
    // Two test files at a time on CI's 2 cores (vitest's default there is one): the end-to-end files
    // spend much of their time waiting on npm, PyPI and child processes. Each uses its own ports and folders.
    maxWorkers: 2,
    // The files that take minutes start first (measured seconds in the sequencer).
    sequence: { sequencer: LongestFirst },
    // Hang guards, not speed checks (timed behaviour is in npm run bench): a shared 2-core machine can
    // take several times longer than a quiet one on the same end-to-end step.
    testTimeout: 180_000,
    hookTimeout: 600_000,
    // After the summary: every skipped test, grouped by file and reason.
    reporters: ['default', './test/support/skip-reporter.ts'],
  },
});
