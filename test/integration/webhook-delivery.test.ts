// The delivery worker against real Postgres and a local receiver: payload, retries with backoff,
// Retry-After, giving up, and two workers never sending one delivery twice. Rounds run at a
// private time far ahead (see support/alerts.ts), except the last test, which waits for the
// running app's own worker.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { webhooks } from '@/db/schema';
import { openDatabase, type Database } from '@/db/client';
import { deliverDueWebhooks } from '@/lib/webhooks/deliver';
import type { WebhookPayload } from '@/lib/webhooks/payload';
import {
  alertCandidate,
  attemptsOf,
  deliveriesOf,
  future,
  insertWebhook,
  openAlerts,
  removeTestWebhooks,
} from '../support/alerts';
import { json, startLocalServer, until, type LocalServer } from '../support/local-server';
import { createFeature } from '../support/switches';
import { baseUrl, testDatabase } from '../support/system';

const BASE = 'https://switchboard.example.com';
let receiver: LocalServer;

beforeAll(async () => {
  receiver = await startLocalServer();
});
afterEach(removeTestWebhooks);
afterAll(async () => {
  await receiver?.close();
});

/** One round at `now`, as a worker of another instance would run it. */
async function round(now: Date) {
  return deliverDueWebhooks((await testDatabase()).db, { baseUrl: BASE, now, random: () => 0.5 });
}

const bodiesFor = (hookPath: string) =>
  receiver.requests.filter((r) => r.url === hookPath).map((r) => JSON.parse(r.body) as WebhookPayload);

describe('webhook delivery', () => {
  it('posts Slack-compatible JSON with the numbers and a link to the feature at the alert time', async () => {
    receiver.handle((_req, res) => json(res, 200, { ok: true }));
    const feature = await createFeature('deliver-payload');
    const hook = await insertWebhook(`${receiver.url}/payload`);
    const now = future(10);
    const [alertId] = await openAlerts([alertCandidate(feature)], now);

    await round(now);

    const [body] = bodiesFor('/payload');
    expect(receiver.requests.find((r) => r.url === '/payload')!.headers['content-type']).toBe('application/json');
    expect(body.text).toContain(`FIRING [page] ${feature}`);
    expect(body.switchboard.url).toMatch(new RegExp(`^${BASE}/features/${feature}\\?from=.+&to=.+`));
    expect(body.text).toContain(body.switchboard.url);
    expect(JSON.stringify(body.blocks)).toContain('*Burn rate*\\n15.2×');
    expect(body.switchboard.alert).toMatchObject({
      id: alertId,
      feature,
      severity: 'page',
      details: { burnRate: 15.2, threshold: 14.4 },
    });
    const [delivery] = await deliveriesOf(hook);
    expect(delivery).toMatchObject({
      attempts: 1,
      lastStatus: 200,
      lastError: null,
      nextAttemptAt: null,
      failedAt: null,
    });
    expect(delivery.deliveredAt).not.toBeNull();
  });

  it('retries after a 500 with backoff, then succeeds; every attempt is logged', async () => {
    let calls = 0;
    receiver.handle((_req, res) => (calls++ === 0 ? json(res, 500, { error: 'boom' }) : json(res, 200, {})));
    const feature = await createFeature('deliver-retry');
    const hook = await insertWebhook(`${receiver.url}/retry`);
    const now = future(11);
    await openAlerts([alertCandidate(feature)], now);

    await round(now);
    const [pending] = await deliveriesOf(hook);
    expect(pending).toMatchObject({
      attempts: 1,
      lastStatus: 500,
      lastError: 'HTTP 500: {"error":"boom"}',
      deliveredAt: null,
      failedAt: null,
    });
    // 5 s backoff × jitter 0.75, from the time of the answer.
    const wait = pending.nextAttemptAt!.getTime() - now.getTime();
    expect(wait).toBeGreaterThanOrEqual(3_750);
    expect(wait).toBeLessThan(3_750 + 5_000);

    await round(new Date(pending.nextAttemptAt!.getTime() - 1)); // not due yet
    expect(bodiesFor('/retry')).toHaveLength(1);
    await round(pending.nextAttemptAt!);
    const [done] = await deliveriesOf(hook);
    expect(done).toMatchObject({ attempts: 2, lastStatus: 200, lastError: null, nextAttemptAt: null });
    expect(bodiesFor('/retry')).toHaveLength(2);
    expect((await attemptsOf(done.id)).map((a) => [a.attempt, a.status, a.error])).toEqual([
      [1, 500, 'HTTP 500: {"error":"boom"}'],
      [2, 200, null],
    ]);
  });

  it('waits as long as a 429 Retry-After asks', async () => {
    let calls = 0;
    receiver.handle((_req, res) => (calls++ === 0 ? json(res, 429, {}, { 'Retry-After': '120' }) : json(res, 200, {})));
    const feature = await createFeature('deliver-retry-after');
    const hook = await insertWebhook(`${receiver.url}/retry-after`);
    const now = future(12);
    await openAlerts([alertCandidate(feature)], now);

    await round(now);
    const [pending] = await deliveriesOf(hook);
    const wait = pending.nextAttemptAt!.getTime() - now.getTime();
    expect(wait).toBeGreaterThanOrEqual(120_000);
    expect(wait).toBeLessThan(125_000);
    await round(new Date(now.getTime() + 60_000)); // the backoff alone would have retried by now
    expect(bodiesFor('/retry-after')).toHaveLength(1);
    await round(pending.nextAttemptAt!);
    expect((await deliveriesOf(hook))[0]).toMatchObject({ attempts: 2, lastStatus: 200 });
  });

  it('gives up after 8 attempts on 503s, and at once on a 404 or a disabled webhook', async () => {
    receiver.handle((req, res) => (req.url === '/gone' ? json(res, 404, { error: 'no_service' }) : json(res, 503, {})));
    const feature = await createFeature('deliver-give-up');
    const failing = await insertWebhook(`${receiver.url}/unavailable`);
    const gone = await insertWebhook(`${receiver.url}/gone`);
    const now = future(13);
    await openAlerts([alertCandidate(feature)], now);

    let at = now;
    for (let attempt = 1; attempt <= 8; attempt++) {
      await round(at);
      const [d] = await deliveriesOf(failing);
      expect(d.attempts).toBe(attempt);
      if (attempt < 8) at = d.nextAttemptAt!;
    }
    const [failed] = await deliveriesOf(failing);
    expect(failed).toMatchObject({ attempts: 8, lastStatus: 503, nextAttemptAt: null, deliveredAt: null });
    expect(failed.failedAt).not.toBeNull();
    expect(await attemptsOf(failed.id)).toHaveLength(8);
    expect(bodiesFor('/unavailable')).toHaveLength(8);
    await round(new Date(at.getTime() + 86_400_000));
    expect(bodiesFor('/unavailable')).toHaveLength(8);

    const [notFound] = await deliveriesOf(gone);
    expect(notFound).toMatchObject({
      attempts: 1,
      lastStatus: 404,
      lastError: 'HTTP 404: {"error":"no_service"}',
      nextAttemptAt: null,
    });
    expect(notFound.failedAt).not.toBeNull();

    const { db } = await testDatabase();
    const off = await insertWebhook(`${receiver.url}/off`);
    await openAlerts([alertCandidate(feature)], future(13, 3_600_000));
    await db.update(webhooks).set({ enabled: false }).where(eq(webhooks.id, off));
    await round(future(13, 3_600_000));
    expect((await deliveriesOf(off))[0]).toMatchObject({
      attempts: 1,
      lastError: 'Not sent: the webhook was disabled.',
    });
    expect(bodiesFor('/off')).toHaveLength(0);
  });

  it('never sends a delivery twice when two instances run rounds at the same moment', async () => {
    receiver.handle((_req, res) => void setTimeout(() => json(res, 200, {}), 20));
    const feature = await createFeature('deliver-race');
    await insertWebhook(`${receiver.url}/race`);
    const now = future(14);
    const ids = await openAlerts(
      Array.from({ length: 12 }, () => alertCandidate(feature)),
      now,
    );
    const other = await openDatabase({ url: inject('databaseUrl'), max: 2 });
    try {
      const options = { baseUrl: BASE, now, batchSize: 5 };
      const worker = async (db: Database) => {
        while ((await deliverDueWebhooks(db.db, options)).claimed > 0);
      };
      await Promise.all([worker(await testDatabase()), worker(other)]);
    } finally {
      await other.close();
    }
    const sent = bodiesFor('/race').map((b) => b.switchboard.alert.id);
    expect(sent.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  });

  it('is delivered by the running app’s own worker, with links to the app', async () => {
    receiver.handle((_req, res) => json(res, 200, {}));
    const feature = await createFeature('deliver-app');
    const hook = await insertWebhook(`${receiver.url}/app`);
    await openAlerts([alertCandidate(feature)], new Date());
    await until(async () => (await deliveriesOf(hook))[0]?.deliveredAt != null, 20_000, 'the app to deliver the alert');
    const [body] = bodiesFor('/app');
    expect(body.switchboard.url.startsWith(`${baseUrl()}/features/${feature}?from=`)).toBe(true);
  });
});
