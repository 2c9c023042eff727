// How fast does ingestCalls store calls in Postgres, and where does the time go? It is compared,
// in the same run, with inserting the same rows directly (no validation, redaction or costing).
// STACK.md: multi-row INSERT of such rows ≈ 19,000-23,000 rows/s on an idle 2-core machine.
import { it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { insertCallBodies, insertCalls } from '@/db/queries/calls';
import { featuresByKey } from '@/db/queries/features';
import { migrateDatabase } from '@/db/migrate';
import { seedModelPrices } from '@/db/seed/model-prices';
import { ingestCalls } from '@/lib/ingest/ingest-calls';
import { builtinRedactor } from '@/lib/sdk/redact/redactor';
import { parseCall } from '@/lib/validations/call';
import { createTestDatabase } from '../support/test-database';
import { sampleCall } from './sample-calls';

const TOTAL = Number(process.env.BENCH_CALLS ?? 40_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 4);

function batches(): string[] {
  const calls = Array.from({ length: TOTAL }, (_, i) => sampleCall(i));
  const out: string[] = [];
  for (let i = 0; i < TOTAL; i += BATCH) out.push(JSON.stringify({ calls: calls.slice(i, i + BATCH) }));
  return out;
}

async function run(label: string, bodies: string[], store: (body: string) => Promise<void>) {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < bodies.length) await store(bodies[next++]);
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  console.log(
    `${label}: ${Math.round(TOTAL / seconds)} calls/s (${TOTAL} in ${seconds.toFixed(1)} s, batches of ${BATCH}, ${WRITERS} writers)`,
  );
}

/** The same rows, inserted without validation, redaction or cost. */
async function rawInsert(database: Database, featureId: number, body: string) {
  type Sample = ReturnType<typeof sampleCall> & { id: string; model: string; latencyMs: number; completion: string };
  const { calls } = JSON.parse(body) as { calls: Sample[] };
  const ts = new Date(); // today's partitions exist: ingestCalls made them in the warm-up
  await database.db.transaction(async (tx) => {
    await insertCalls(
      tx,
      calls.map(({ feature: _f, prompt: _p, completion: _c, metadata: _m, ...c }) => ({
        ...c,
        featureId,
        ts,
        outcome: 'ok' as const,
        route: 'primary' as const,
        environment: 'production',
      })),
    );
    await insertCallBodies(
      tx,
      calls.map((c) => ({
        callId: c.id,
        ts,
        prompt: c.prompt,
        completion: c.completion,
        metadata: c.metadata,
        redactions: null,
      })),
    );
  });
}

it('ingests calls', async () => {
  const calls = Array.from({ length: 5000 }, (_, i) => sampleCall(i));
  const best = (fn: () => void) => {
    let ms = Infinity;
    for (let round = 0; round < 5; round++) {
      const t = performance.now();
      fn();
      ms = Math.min(ms, performance.now() - t);
    }
    return `${((ms * 1000) / calls.length).toFixed(1)} µs/call`;
  };
  const json = JSON.stringify({ calls });
  console.log(
    `per call, best of 5: JSON.parse ${best(() => JSON.parse(json))}, validate ${best(() => calls.forEach(parseCall))}, ` +
      `redact ${best(() => calls.forEach((c) => (builtinRedactor.value(c.prompt, {}), builtinRedactor.text(c.completion as string, {}))))}`,
  );

  const target = await createTestDatabase('switchboard_bench');
  const database = await openDatabase({ url: target.url, max: WRITERS + 1 });
  try {
    await migrateDatabase(database);
    await seedModelPrices(database.db);
    await ingestCalls(database.db, { calls: [sampleCall(0)] }); // warm caches, create the feature
    const featureId = (await featuresByKey(database.db, ['bench-support'])).get('bench-support')!.id;
    await run('direct insert of the same rows', batches(), (body) => rawInsert(database, featureId, body));
    await run('ingestCalls', batches(), async (body) => {
      const result = await ingestCalls(database.db, JSON.parse(body));
      if (result.rejected.length) throw new Error(JSON.stringify(result.rejected[0]));
    });
  } finally {
    await database.close();
    await target.drop();
  }
});
