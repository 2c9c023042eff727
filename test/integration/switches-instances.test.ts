// SPEC §3: several app servers behind a load balancer all push a flip made through any of them.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createFeature, SseReader } from '../support/switches';
import { baseUrl, createTestKey } from '../support/system';

let second: { url: string; child: ChildProcess };

beforeAll(async () => {
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: inject('databaseUrl'),
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: 'test-secret-test-secret-test-secret',
      SWITCHBOARD_DEMO: '0',
    },
    stdio: 'ignore',
  });
  second = { url, child };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The second instance exited with ${child.exitCode}.`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('The second instance did not become healthy within 60 s.');
});

afterAll(async () => {
  second?.child.kill('SIGTERM');
});

it('pushes a flip made through one instance to a stream on another within a second', async () => {
  const read = await createTestKey(['switches:read']);
  const write = await createTestKey(['switches:write']);
  const feature = await createFeature('two-instances');
  const abort = new AbortController();
  const sse = new SseReader(
    await fetch(`${second.url}/api/v1/switches/stream`, { headers: { authorization: `Bearer ${read}` }, signal: abort.signal }),
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
    console.log(`PUT on one instance → event on the other: median ${latencies[5].toFixed(0)} ms, max ${latencies[9].toFixed(0)} ms`);
    expect(latencies[9]).toBeLessThan(1_000);
  } finally {
    abort.abort();
  }
});
