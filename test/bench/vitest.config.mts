// Benchmarks are run by hand (`npx vitest run -c test/bench/vitest.config.mts`), never in CI:
// their numbers depend on the machine and its load. The HTTP bench needs `npx next build` first.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname, '../..') } },
  test: {
    include: ['test/bench/**/*.bench.test.ts'],
    root: path.resolve(import.meta.dirname, '../..'),
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
