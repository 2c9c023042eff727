// The system suite's smoke subset, run again with the app and the tests behind pgbouncer in
// transaction mode (`npm run test:reliability` runs it after the reliability files): sign-in, the
// first-call journey, ingestion, the explorer, the overview, rollups, switches and their stream,
// alerts, evals, OTLP, the audit log, the access matrix, scores and OFREP.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '../..');

export const SMOKE_FILES = [
  'test/e2e/sign-in.test.ts',
  'test/e2e/journey.test.ts',
  'test/e2e/switches.test.ts',
  'test/integration/calls-ingest.test.ts',
  'test/integration/calls-explorer.test.ts',
  'test/integration/overview.test.ts',
  'test/integration/rollup-aggregator.test.ts',
  'test/integration/switches-api.test.ts',
  'test/integration/switches-stream.test.ts',
  'test/integration/alerts-api.test.ts',
  'test/integration/eval-upload.test.ts',
  'test/integration/otlp-traces.test.ts',
  'test/integration/audit-log.test.ts',
  'test/integration/access-matrix.test.ts',
  'test/integration/health.test.ts',
  'test/integration/scores.test.ts',
  'test/integration/ofrep.test.ts',
];

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    name: 'pooler-smoke',
    root,
    include: SMOKE_FILES,
    environment: 'node',
    globalSetup: ['test/reliability/support/pooler-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
