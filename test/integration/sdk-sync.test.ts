// The SDK against the running app: calls exported once, flips reaching the store within a
// second, and a dashboard cut off behind a TCP proxy (stale store, queued calls, none lost).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSwitchboard, type Switchboard } from '@/lib/sdk/index';
import type { CallRecord } from '@/lib/sdk/types';
import { storedIds } from '../support/calls';
import { createFeature } from '../support/switches';
import { until } from '../support/local-server';
import { baseUrl, createTestKey, testDatabase } from '../support/system';
import { startTcpProxy, viaProxy, type TcpProxy } from '../support/tcp-proxy';

let sdkKey: string;
let writeKey: string;
const quiet = { warn: () => {} };

beforeAll(async () => {
  sdkKey = await createTestKey(['ingest', 'switches:read'], 'sdk-sync');
  writeKey = await createTestKey(['switches:write'], 'sdk-sync-flips');
});

async function flip(feature: string, killed: boolean, reason = 'sdk test'): Promise<void> {
  const res = await fetch(`${baseUrl()}/api/v1/switches/${feature}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ killed, reason }),
  });
  expect(res.status).toBe(200);
}

function record(feature: string, extra: Partial<CallRecord> = {}): CallRecord {
  return {
    id: randomUUID(),
    feature,
    timestamp: new Date().toISOString(),
    model: 'gpt-4o-mini',
    outcome: 'ok',
    route: 'primary',
    fallbackDepth: 0,
    latencyMs: 42,
    ...extra,
  };
}

/** How many calls the feature has in the database. */
async function storedCount(feature: string): Promise<number> {
  const { db } = await testDatabase();
  const result = await db.execute(
    sql`select count(*)::int as n from calls c join features f on f.id = c.feature_id where f.key = ${feature}`,
  );
  return (Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows)[0].n;
}

describe('the SDK connected to the dashboard', () => {
  let sb: Switchboard | undefined;
  let proxy: TcpProxy | undefined;
  afterEach(async () => {
    await sb?.close();
    await proxy?.close();
    sb = proxy = undefined;
  });

  it('exports recorded calls so that each is stored exactly once', async () => {
    const feature = await createFeature('sdk-export');
    sb = createSwitchboard({ baseUrl: baseUrl(), apiKey: sdkKey, exportIntervalMs: 100, logger: quiet });
    const calls = Array.from({ length: 1_234 }, (_, i) =>
      record(feature, { prompt: `question ${i} from jane@example.com` }),
    );
    for (const c of calls) sb.recorder.record(c);
    // Recording the same call again (a retry in the application) stores nothing new.
    sb.recorder.record(calls[0]);
    const served = await sb.run(feature, [{ kind: 'rule', name: 'canned', run: () => 'hello' }], { prompt: 'hi' });
    await until(() => sb!.stats().queued === 0, 10_000, 'the queue to drain');
    const ids = [...calls.map((c) => c.id), served.id];
    expect(await storedIds(ids)).toEqual([...ids].sort());
    expect(await storedCount(feature)).toBe(ids.length);
    expect(sb.stats()).toMatchObject({ queued: 0, sent: 1_236, dropped: 0 });
  });

  it('sees a flip made through the API within a second', async () => {
    const feature = await createFeature('sdk-flip');
    sb = createSwitchboard({ baseUrl: baseUrl(), apiKey: sdkKey, logger: quiet });
    expect(await sb.ready()).toBe(true);
    expect(sb.isKilled(feature)).toBe(false);
    const latencies: number[] = [];
    for (let i = 0; i < 6; i++) {
      const killed = i % 2 === 0;
      const seen = new Promise<number>((resolve) => {
        const stop = sb!.switches.onChange((changed) => {
          if (changed.some((s) => s.feature === feature && s.killed === killed)) {
            stop();
            resolve(performance.now());
          }
        });
      });
      const sentAt = performance.now();
      await flip(feature, killed, `flip ${i}`);
      latencies.push((await seen) - sentAt);
      expect(sb.isKilled(feature)).toBe(killed);
      expect(sb.switches.get(feature)).toMatchObject({ reason: `flip ${i}`, updatedBy: expect.any(String) });
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `flip → SDK store (PUT sent → onChange), 6 flips: median ${latencies[3].toFixed(1)} ms, max ${latencies[5].toFixed(1)} ms`,
    );
    expect(latencies[5]).toBeLessThan(1_000);
  });

  it('keeps the last states, goes stale and queues calls while the dashboard is cut off; exports them all once it is back', async () => {
    const feature = await createFeature('sdk-outage');
    await flip(feature, true, 'before the outage');
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(baseUrl()).port) });
    sb = createSwitchboard({
      baseUrl: viaProxy(baseUrl(), proxy),
      apiKey: sdkKey,
      exportIntervalMs: 100,
      pollIntervalMs: 200,
      logger: quiet,
    });
    expect(await sb.ready()).toBe(true);
    expect(sb.isKilled(feature)).toBe(true);
    expect(sb.stats().stale).toBe(false);

    proxy.down();
    const cutAt = performance.now();
    await until(() => sb!.switches.stale, 5_000, 'the store to go stale');
    const staleAfterMs = performance.now() - cutAt;
    // The dashboard changes while the SDK cannot hear it: the SDK keeps what it last knew.
    await flip(feature, false, 'during the outage');
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const result = await sb.run(feature, [{ kind: 'rule', name: 'canned', run: () => 'sorry' }], {
        prompt: `during outage ${i}`,
      });
      expect(result.route).toBe('killed');
      ids.push(result.id);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(sb.isKilled(feature)).toBe(true);
    const during = sb.stats();
    expect(during.queued).toBe(50);
    expect(during.failedAttempts).toBeGreaterThan(0);
    expect(await storedIds(ids)).toEqual([]);

    proxy.up();
    const upAt = performance.now();
    await until(() => !sb!.switches.stale && !sb!.isKilled(feature), 15_000, 'the store to catch up');
    const freshAfterMs = performance.now() - upAt;
    await until(() => sb!.stats().queued === 0, 35_000, 'the queued calls to be exported');
    const exportedAfterMs = performance.now() - upAt;
    expect(await storedIds(ids)).toEqual([...ids].sort());
    expect(await storedCount(feature)).toBe(50);
    expect(sb.stats()).toMatchObject({ queued: 0, sent: 50, dropped: 0 });
    console.log(
      `outage: stale ${staleAfterMs.toFixed(0)} ms after the cut; after reconnecting, fresh in ${freshAfterMs.toFixed(0)} ms and the 50 queued calls exported in ${exportedAfterMs.toFixed(0)} ms`,
    );
  }, 60_000);
});
