// End-to-end ingestion over HTTP against `next start` (auth, body reading, validation,
// redaction, cost, one transaction per batch), with the load generator on the same machine.
import { it } from 'vitest';
import { baseUrl, createTestKey } from '../support/system';
import { sampleCall } from './sample-calls';

const TOTAL = Number(process.env.BENCH_CALLS ?? 40_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const CONCURRENCY = Number(process.env.BENCH_WRITERS ?? 4);

it('ingests calls over HTTP', async () => {
  const key = await createTestKey(['ingest'], 'bench');
  const bodies: string[] = [];
  for (let i = 0; i < TOTAL; i += BATCH)
    bodies.push(
      JSON.stringify({ calls: Array.from({ length: Math.min(BATCH, TOTAL - i) }, (_, j) => sampleCall(i + j)) }),
    );
  const post = (body: string) =>
    fetch(`${baseUrl()}/api/v1/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });
  await post(bodies[0]); // warm up; its calls then count as duplicates
  let next = 1;
  let accepted = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const res = await post(bodies[next++]);
        if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
        const result = await res.json();
        accepted += result.accepted;
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  const megabytes = bodies.slice(1).reduce((n, b) => n + b.length, 0) / 1e6;
  console.log(
    `HTTP: ${Math.round(accepted / seconds)} calls/s, ${(megabytes / seconds).toFixed(1)} MB/s (${accepted} calls in ${seconds.toFixed(1)} s, batches of ${BATCH}, ${CONCURRENCY} concurrent)`,
  );
});
