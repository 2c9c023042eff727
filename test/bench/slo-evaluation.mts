// Times what the alert evaluator reads every minute — every SLO of every feature over its window
// and the seven burn-rate windows, plus the cost budgets (evaluateFeatureHealth) — and the
// overview, which reads the same, against a database filled by generate-calls.mts. The SLO
// definitions and budgets of bench-slos.mts are inserted in a transaction that is rolled back at the end, so the database is left as found.
// Run by hand, never in CI:
//   npx tsx test/bench/slo-evaluation.mts --database-url postgres://postgres@127.0.0.1:5432/switchboard_bench
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { assertLocal } from '../support/test-database.ts';
import { addBenchSlos } from './bench-slos.mts';

const require = createRequire(import.meta.url); // see switch-propagation.mts for why
const { openDatabase, resultRows } = require('../../db/client.ts') as typeof import('../../db/client.ts');
const { evaluateFeatureHealth } =
  require('../../lib/status/feature-health.ts') as typeof import('../../lib/status/feature-health.ts');
const { getOverview } = require('../../lib/overview/overview.ts') as typeof import('../../lib/overview/overview.ts');
const { sql } = require('drizzle-orm') as typeof import('drizzle-orm');

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/switchboard_bench' },
    runs: { type: 'string', default: '10' },
  },
});
const RUNS = Number(args.runs);

/** The first run (cold: no hour cache in this process) is printed on its own. */
async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  const cold = performance.now();
  await fn();
  console.log(`${label.padEnd(44)} first run ${(performance.now() - cold).toFixed(1).padStart(7)} ms`);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)].toFixed(1);
  console.log(`${label.padEnd(44)} median ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms`);
}

class Rollback extends Error {}

async function main() {
  assertLocal(args['database-url']!);
  const database = await openDatabase({ url: args['database-url']!, max: 2 });
  try {
    await database.db.transaction(async (tx) => {
      await addBenchSlos(tx);
      const [n] = resultRows<{ features: number; slos: number; hours: string }>(
        await tx.execute(
          sql`select (select count(*) from features)::int as features, (select count(*) from slos)::int as slos, (select count(*) from call_rollups_hourly)::text as hours`,
        ),
      );
      console.log(
        `${n.features} features, ${n.slos} SLOs, ${Number(n.hours).toLocaleString('en')} hourly rollup rows; ${RUNS} runs each`,
      );
      await time('all SLOs and budgets (evaluateFeatureHealth)', () => evaluateFeatureHealth(tx, { now: new Date() }));
      await time('overview with SLOs (getOverview)', () => getOverview(tx, { now: new Date() }));
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  } finally {
    await database.close();
  }
}

await main();
