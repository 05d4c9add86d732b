import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // yeoman-test changes process.cwd(), which worker threads do not allow.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
