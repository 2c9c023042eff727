// The reliability suite (`npm run test:reliability`; .ci/run runs it after `npm test`, on that
// build). Each file starts its own private Postgres cluster and the built app on it; the files
// run one after another because they restart and saturate what they start.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname, '../..') } },
  test: {
    include: ['test/reliability/**/*.test.ts'],
    root: path.resolve(import.meta.dirname, '../..'),
    environment: 'node',
    testTimeout: 150_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
