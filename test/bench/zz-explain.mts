import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '/work/main/test/support/test-database.ts';
import { wideCall } from '/work/main/test/bench/sample-calls.ts';
const require = createRequire('/work/main/test/bench/x.mts');
const { openDatabase } = require('../../db/client.ts');
const { migrateDatabase } = require('../../db/migrate.ts');
const { seedModelPrices } = require('../../db/seed/model-prices.ts');
const { ingestCalls } = require('../../lib/ingest/ingest-calls.ts');
const { aggregateRollups } = require('../../lib/rollups/aggregator-pass.ts');
const target = await createTestDatabase('switchboard_explain');
const database = await openDatabase({ url: target.url, max: 1 });
await migrateDatabase(database);
await seedModelPrices(database.db);
let n = 0;
for (let r = 0; r < 2; r++) {
  for (let i = 0; i < 9000; i += 500)
    await ingestCalls(database.db, {
      calls: Array.from({ length: 500 }, () => wideCall(++n, new Date(Date.now() - Math.random() * 30 * 60_000))),
    });
  if (r === 1) {
    await database.db.execute(sql`load 'auto_explain'`);
    await database.db.execute(sql`set auto_explain.log_min_duration = 50`);
    await database.db.execute(sql`set auto_explain.log_analyze = on`);
    await database.db.execute(sql`set auto_explain.log_nested_statements = on`);
  }
  const t0 = performance.now();
  await aggregateRollups(database.db);
  console.log('pass', performance.now() - t0);
}
await database.close();
await target.drop();
