// Benchmarks are run by hand (`npx vitest run -c test/bench/vitest.config.mts`), never in CI:
// their numbers depend on the machine and its load.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname, '../..') } },
  test: { include: ['test/bench/**/*.bench.test.ts'], root: path.resolve(import.meta.dirname, '../..'), testTimeout: 600_000 },
});
