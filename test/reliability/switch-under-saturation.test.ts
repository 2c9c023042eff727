// Issues 7 and 12: the switch path outlives the data path. Ingestion gets far more than it can
// take (many concurrent large batches from several keys); meanwhile a switch is flipped again
// and again. Connected SDK clients see each flip within the product's promise (a second), switch
// reads stay fast, and ingestion sheds what it cannot take with 429/503 instead of hanging. The
// flood comes from child processes, so the 1 MB bodies it builds never delay the timing here.
import os from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { features } from '@/db/schema';
import { SwitchWatchers, type FlipTiming } from './support/flips';
import { startScenario, type Scenario } from './support/environment';
import { startIngestFlood } from '../support/ingest-flood';
import { ms, percentile, sdkCall, sleep } from './support/traffic';

// Concurrent senders, each sending again at once, or after Retry-After when shed. More than the
// 4 in flight + 64 queued an instance holds, so the queue overflows however fast the machine is
// (with 48, a fast CI machine served every batch within the 2 s queue wait and shed none).
const LOADERS = 96;
const INGEST_KEYS = 8;
const BATCH = 1_000;
const WATCHERS = 20;
const FLIPS = 10;
const FEATURE = 'rel-flip-under-load';
const HANG_MS = 5_000; // "a few seconds": no ingestion request may take longer

let scenario: Scenario;
let failed = true;

beforeAll(async () => {
  scenario = await startScenario();
});

afterAll(async () => {
  await scenario?.close(failed);
});

/** Large batches: 1,000 calls with a prompt each, the most one request may hold. */
const PROMPT = 'Summarise the following support conversation for the on-call engineer. '.repeat(8);
const { id: _id, ...CALL } = { ...sdkCall('rel-saturating'), prompt: PROMPT, completion: 'ok' };

it('lands every flip at connected SDKs within a second while ingestion is saturated, and sheds ingestion with 429/503', async () => {
  const app = scenario.apps[0];
  await scenario.database.db.insert(features).values({ key: FEATURE });
  const readKey = await scenario.createKey(['switches:read'], 'watchers');
  const writeKey = await scenario.createKey(['switches:write'], 'on-call');
  const ingestKeys = await Promise.all(
    Array.from({ length: INGEST_KEYS }, (_, i) => scenario.createKey(['ingest'], `flood ${i}`)),
  );
  const watchers = await SwitchWatchers.connect([app.url], readKey, FEATURE, WATCHERS);
  const flood = await startIngestFlood({
    url: app.url,
    keys: ingestKeys,
    senders: LOADERS,
    batch: BATCH,
    callJson: JSON.stringify(CALL),
    hangMs: HANG_MS,
  });

  let loading = true;
  const readMs: number[] = [];
  const reader = (async () => {
    while (loading) {
      const began = performance.now();
      const response = await fetch(`${app.url}/api/v1/switches/${FEATURE}`, {
        headers: { Authorization: `Bearer ${readKey}` },
      });
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      readMs.push(performance.now() - began);
      await sleep(100);
    }
  })();

  const flips: FlipTiming[] = [];
  let answers;
  try {
    await sleep(4_000); // let the flood build up
    for (let i = 0; i < FLIPS; i++) {
      flips.push(await watchers.flip(app.url, writeKey, i % 2 === 0, `reliability flip ${i} under load`));
      await sleep(500 + Math.random() * 500);
    }
  } finally {
    loading = false;
    answers = await flood.stop();
    await reader;
    await watchers.close();
  }

  const arrivals = flips.flatMap((f) => f.arrivals);
  const missed = flips.reduce((m, f) => m + f.missed, 0);
  const of = (status: string) => answers.byStatus[status] ?? 0;
  const { requestMs } = answers;
  const [stored] = await scenario.sql<{ n: string }[]>`select count(*) as n from calls`;
  console.log(
    [
      `Reliability 2 — the switch path under saturated ingestion (${new Date().toISOString()}, load ${loadAverage()}):`,
      `  ${LOADERS} concurrent senders of ${BATCH}-call batches with ${INGEST_KEYS} keys; ${of('200')} batches stored (${stored.n} calls)`,
      `  ingestion answers: ${JSON.stringify(answers.byStatus)} (429/503 without Retry-After: ${answers.withoutRetryAfter}); request time p50 ${ms(percentile(requestMs, 0.5))}, p99 ${ms(percentile(requestMs, 0.99))}, max ${ms(Math.max(...requestMs))}`,
      `  ${FLIPS} flips × ${WATCHERS} SDK clients: PUT sent → client onChange p50 ${ms(percentile(arrivals, 0.5))}, p99 ${ms(percentile(arrivals, 0.99))}, max ${ms(Math.max(...arrivals))}; missed ${missed}; PUT p50 ${ms(
        percentile(
          flips.map((f) => f.putMs),
          0.5,
        ),
      )}`,
      `  GET /api/v1/switches/{feature} during the flood: ${readMs.length} reads, p50 ${ms(percentile(readMs, 0.5))}, p95 ${ms(percentile(readMs, 0.95))}`,
    ].join('\n'),
  );

  expect(of('429') + of('503'), 'the flood must be more than ingestion takes: some requests shed').toBeGreaterThan(0);
  expect(answers.withoutRetryAfter).toBe(0);
  expect(of('timeout'), 'no ingestion request may hang').toBe(0);
  expect(Object.keys(answers.byStatus).filter((s) => !['200', '429', '503'].includes(s))).toEqual([]);
  expect(Math.max(...requestMs)).toBeLessThan(HANG_MS);
  // What was shed left nothing behind: every call stored came from a batch answered 200.
  expect(Number(stored.n)).toBe(of('200') * BATCH);
  expect(missed).toBe(0);
  expect(percentile(arrivals, 0.99)).toBeLessThan(1_000);
  // Fast means well inside the flip promise, on two cores shared with Postgres and this flood.
  expect(percentile(readMs, 0.95)).toBeLessThan(1_000);
  failed = false;
});

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}
