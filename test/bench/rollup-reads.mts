// Times the dashboard reads on the rollups against a database filled by generate-calls.mts: the
// overview (24 h, every feature), one feature's stats over 1 h, 24 h, 7 d and 30 d (the busiest
// feature and a quiet one), and the Prometheus totals. Each read runs --runs times after one
// warm-up; prints median and p95 in ms. Run by hand, never in CI:
//   npx tsx test/bench/rollup-reads.mts --database-url postgres://postgres@127.0.0.1:5432/switchboard_bench
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { assertLocal } from '../support/test-database.ts';

const require = createRequire(import.meta.url); // see switch-propagation.mts for why
const { openDatabase, resultRows } = require('../../db/client.ts') as typeof import('../../db/client.ts');
const { getOverview } = require('../../lib/overview/overview.ts') as typeof import('../../lib/overview/overview.ts');
const { findFeature } = require('../../db/queries/features.ts') as typeof import('../../db/queries/features.ts');
const { readFeatureRollups } =
  require('../../lib/stats/feature-rollups.ts') as typeof import('../../lib/stats/feature-rollups.ts');
const { minuteRange } =
  require('../../db/queries/rollup-source.ts') as typeof import('../../db/queries/rollup-source.ts');
const { shapeFeatureStats, statsStepMs } =
  require('../../lib/stats/feature-stats.ts') as typeof import('../../lib/stats/feature-stats.ts');
const { STATS_RANGES } =
  require('../../lib/validations/feature-stats.ts') as typeof import('../../lib/validations/feature-stats.ts');
const { callTotals } = require('../../lib/metrics/collect.ts') as typeof import('../../lib/metrics/collect.ts');
const { sql } = require('drizzle-orm') as typeof import('drizzle-orm');

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/switchboard_bench' },
    runs: { type: 'string', default: '20' },
  },
});
const URL_ = args['database-url']!;
const RUNS = Number(args.runs);

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)].toFixed(1);
  console.log(`${label.padEnd(40)} median ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms`);
}

async function main() {
  assertLocal(URL_);
  const database = await openDatabase({ url: URL_, max: 4 });
  const db = database.db;
  const counts = resultRows<{ calls: string; minutes: string; hours: string }>(
    await db.execute(sql`
    select (select count(*) from calls)::text as calls, (select count(*) from call_rollups)::text as minutes,
           (select count(*) from call_rollups_hourly)::text as hours`),
  )[0];
  console.log(
    `${Number(counts.calls).toLocaleString('en')} calls, ${Number(counts.minutes).toLocaleString('en')} minute rows, ${Number(counts.hours).toLocaleString('en')} hourly rows; ${RUNS} runs each`,
  );
  const ranked = resultRows<{ key: string }>(
    await db.execute(sql`
    select f.key from features f join call_rollups_hourly r on r.feature_id = f.id group by f.key order by sum(r.calls) desc`),
  );
  await time('overview (24 h, production)', () => getOverview(db, { now: new Date() }));
  for (const [label, key] of [
    ['busiest', ranked[0].key],
    ['quietest', ranked.at(-1)!.key],
  ]) {
    const feature = (await findFeature(db, key))!;
    for (const [range, span] of Object.entries(STATS_RANGES)) {
      await time(`stats ${range} (${label}: ${key})`, async () => {
        const to = new Date();
        const stepMs = statsStepMs(span);
        const window = minuteRange(new Date(to.getTime() - span), to);
        const rows = await readFeatureRollups(db, {
          featureId: feature.id,
          environment: 'production',
          range: window,
          stepMs,
        });
        return shapeFeatureStats(rows, {
          feature: key,
          environment: 'production',
          from: window.from,
          to: window.to,
          stepMs,
        });
      });
    }
  }
  await time('Prometheus totals (callTotals)', () => callTotals(db));
  await database.close();
}

await main();
