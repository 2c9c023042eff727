// SPEC §3: several app servers behind a load balancer all push a flip made through any of them.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { createFeature, SseReader } from '../support/switches';
import { baseUrl, createTestKey } from '../support/system';

let second: AppServer;

beforeAll(async () => {
  second = await startAppServer(inject('databaseUrl'));
});

afterAll(async () => {
  await second?.stop();
});

it('pushes a flip made through one instance to a stream on another within a second', async () => {
  const read = await createTestKey(['switches:read']);
  const write = await createTestKey(['switches:write']);
  const feature = await createFeature('two-instances');
  const abort = new AbortController();
  const sse = new SseReader(
    await fetch(`${second.url}/api/v1/switches/stream`, {
      headers: { authorization: `Bearer ${read}` },
      signal: abort.signal,
    }),
  );
  try {
    await sse.next();
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      const sentAt = performance.now();
      const res = await fetch(`${baseUrl()}/api/v1/switches/${feature}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${write}`, 'content-type': 'application/json' },
        body: JSON.stringify({ killed: i % 2 === 0, reason: `Flip ${i}` }),
      });
      expect(res.status).toBe(200);
      const event = await sse.nextFor(feature, 1_000);
      expect(event.json).toMatchObject({ killed: i % 2 === 0, reason: `Flip ${i}` });
      latencies.push(event.at - sentAt);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `PUT on one instance → event on the other: median ${latencies[5].toFixed(0)} ms, max ${latencies[9].toFixed(0)} ms`,
    );
    expect(latencies[9]).toBeLessThan(1_000);
  } finally {
    abort.abort();
  }
});
