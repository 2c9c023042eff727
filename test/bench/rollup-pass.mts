// The rollup aggregator's cost (db/queries/rollup-aggregator.ts): calls are stored through the
// real ingestion path with no server (so no aggregator runs), then one pass counts them; repeated
// for a number of rounds. Prints each pass's time and the Postgres backends' CPU per 1,000 calls
// counted, the cost ingestion pays for its rollups. Shapes as in ingest.mts. Run by hand:
//   npx tsx test/bench/rollup-pass.mts [--calls 9000] [--rounds 5] [--shape wide|sdk] [--explain]
// A throwaway database is created on the local Postgres (TEST_POSTGRES_URL) and dropped.
import { createRequire } from 'node:module';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql as drizzleSql } from 'drizzle-orm';
import { createTestDatabase } from '../support/test-database.ts';
import { backendCpuMs } from './postgres-cpu.mts';
import { benchCall, wideCall } from './sample-calls.ts';

const require = createRequire(import.meta.url); // see switch-propagation.mts for why
const { openDatabase } = require('../../db/client.ts') as typeof import('../../db/client.ts');
const { migrateDatabase } = require('../../db/migrate.ts') as typeof import('../../db/migrate.ts');
const { seedModelPrices } = require('../../db/seed/model-prices.ts') as typeof import('../../db/seed/model-prices.ts');
const { ingestCalls } =
  require('../../lib/ingest/ingest-calls.ts') as typeof import('../../lib/ingest/ingest-calls.ts');
const { aggregateRollups } =
  require('../../lib/rollups/aggregator-pass.ts') as typeof import('../../lib/rollups/aggregator-pass.ts');

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '9000' },
    rounds: { type: 'string', default: '5' },
    shape: { type: 'string', default: 'wide' },
  },
});
const CALLS = Number(args.calls);
const ROUNDS = Number(args.rounds);
const BATCH = 500;

async function main() {
  console.log(
    `${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const target = await createTestDatabase('switchboard_bench_rollup_pass');
  const database = await openDatabase({ url: target.url, max: 2 });
  try {
    await migrateDatabase(database);
    await seedModelPrices(database.db);
    const databaseName = new URL(target.url).pathname.slice(1);
    let n = 0;
    const passMs: number[] = [];
    const cpuPer1k: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < CALLS; i += BATCH) {
        const calls = Array.from({ length: Math.min(BATCH, CALLS - i) }, () => {
          n++;
          return args.shape === 'wide'
            ? wideCall(n, new Date(Date.now() - Math.random() * 30 * 60_000))
            : benchCall(n, new Date(Date.now() - Math.random() * 60_000));
        });
        await ingestCalls(database.db, { calls });
      }
      const cpu0 = backendCpuMs(databaseName);
      const t0 = performance.now();
      const pass = await aggregateRollups(database.db);
      passMs.push(performance.now() - t0);
      cpuPer1k.push(((backendCpuMs(databaseName) - cpu0) * 1000) / pass.calls);
      console.log(
        `round ${round + 1}: a pass counted ${pass.calls} calls in ${passMs.at(-1)!.toFixed(0)} ms, Postgres CPU ${cpuPer1k.at(-1)!.toFixed(1)} ms per 1,000 calls`,
      );
    }
    const [rows] = (await database.db.execute(
      drizzleSql`select (select count(*) from call_rollups)::int as minute, (select count(*) from call_rollups_hourly)::int as hour, (select count(*) from call_rollups_total)::int as total`,
    )) as unknown as { minute: number; hour: number; total: number }[];
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `median pass ${median(passMs).toFixed(0)} ms, Postgres CPU ${median(cpuPer1k).toFixed(1)} ms per 1,000 calls; rollup rows ${rows.minute} / ${rows.hour} / ${rows.total}; load ${os.loadavg()[0].toFixed(2)}`,
    );
  } finally {
    await database.close();
    await target.drop();
  }
}

await main();
