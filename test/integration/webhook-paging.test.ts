// PagerDuty and Opsgenie webhooks against real Postgres and local receivers that stand in for the
// services: each request is checked against the vendor's published contract
// (support/paging-contracts.ts) and answered as the service would. Rounds run at a private time
// far ahead (support/alerts.ts), except the last test, which waits for the running app's worker.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, webhooks } from '@/db/schema';
import type { ApiError } from '@/lib/api/errors';
import { deliverDueWebhooks } from '@/lib/webhooks/deliver';
import { changeWebhook, createWebhook, sendTestMessage } from '@/lib/webhooks/manage';
import {
  alertCandidate,
  attemptsOf,
  deliveriesOf,
  future,
  insertWebhook,
  openAlerts,
  removeTestWebhooks,
  resolveAlerts,
} from '../support/alerts';
import { json, startLocalServer, until, type Handler, type LocalServer } from '../support/local-server';
import {
  contractErrors,
  expectContract,
  OPSGENIE_CLOSE_SCHEMA,
  OPSGENIE_CREATE_SCHEMA,
  OPSGENIE_DETAILS_MAX_CHARS,
  OPSGENIE_IDENTIFIER_TYPES,
  opsgenieDetailsLength,
  PAGERDUTY_EVENT_SCHEMA,
} from '../support/paging-contracts';
import { createFeature } from '../support/switches';
import { baseUrl, testDatabase } from '../support/system';

const BASE = 'https://switchboard.example.com';
const ROUTING_KEY = 'e93facc04764012d7bfb002500d5d1a6';
const GENIE_KEY = 'eb243592-faa2-4ba2-a551-1afdf565c889';
let receiver: LocalServer;

/** PagerDuty's answers (Events API v2 overview): 202 for a valid event, 400 with the reasons otherwise. */
const pagerDuty: Handler = (req, res) => {
  const body = JSON.parse(req.body) as { dedup_key?: string };
  const errors = contractErrors(PAGERDUTY_EVENT_SCHEMA, body);
  if (errors.length) return json(res, 400, { status: 'invalid event', message: 'Event object is invalid', errors });
  json(res, 202, { status: 'success', message: 'Event processed', dedup_key: body.dedup_key });
};

/** Opsgenie's answers: 202 with a request id when the key and body are right, 401 or 422 otherwise. */
const opsgenie: Handler = (req, res) => {
  if (req.headers.authorization !== `GenieKey ${GENIE_KEY}`)
    return json(res, 401, { message: 'Could not authenticate.', took: 0 });
  const url = new URL(req.url, 'http://opsgenie');
  const closing = url.pathname.endsWith('/close');
  const errors = contractErrors(closing ? OPSGENIE_CLOSE_SCHEMA : OPSGENIE_CREATE_SCHEMA, JSON.parse(req.body));
  if (errors.length) return json(res, 422, { message: errors.join('; '), took: 0 });
  json(res, 202, { result: 'Request will be processed', took: 0.01, requestId: crypto.randomUUID() });
};

beforeAll(async () => {
  receiver = await startLocalServer();
});
afterEach(removeTestWebhooks);
afterAll(async () => {
  await receiver?.close();
});

async function round(now: Date) {
  return deliverDueWebhooks((await testDatabase()).db, { baseUrl: BASE, now, random: () => 0.5 });
}

const requestsTo = (prefix: string) => receiver.requests.filter((r) => r.url.startsWith(prefix));

describe('paging webhooks', () => {
  it('the contracts refuse what the services refuse', () => {
    expect(contractErrors(PAGERDUTY_EVENT_SCHEMA, { routing_key: 'short', event_action: 'trigger' })).not.toEqual([]);
    expect(contractErrors(PAGERDUTY_EVENT_SCHEMA, { routing_key: ROUTING_KEY, event_action: 'resolve' })).not.toEqual(
      [],
    ); // no dedup_key
    expect(
      contractErrors(PAGERDUTY_EVENT_SCHEMA, {
        routing_key: ROUTING_KEY,
        event_action: 'trigger',
        payload: { summary: 's', source: 'x', severity: 'page' },
      }),
    ).not.toEqual([]);
    expect(contractErrors(OPSGENIE_CREATE_SCHEMA, { message: 'x'.repeat(131) })).not.toEqual([]);
    expect(contractErrors(OPSGENIE_CREATE_SCHEMA, { message: 'm', details: { burnRate: 15.2 } })).not.toEqual([]);
    expect(contractErrors(OPSGENIE_CLOSE_SCHEMA, { source: 'Switchboard', reason: 'x' })).not.toEqual([]);
  });

  it('triggers a PagerDuty incident when an alert opens and resolves it by dedup_key when it resolves', async () => {
    receiver.handle(pagerDuty);
    const feature = await createFeature('paging-pd');
    const hook = await insertWebhook(`${receiver.url}/pd/v2/enqueue`, 'ticket', true, {
      kind: 'pagerduty',
      secret: ROUTING_KEY,
    });
    const now = future(20);
    const [alertId] = await openAlerts([alertCandidate(feature)], now);

    await round(now);
    const [trigger] = requestsTo('/pd/').map((r) => JSON.parse(r.body));
    expectContract(PAGERDUTY_EVENT_SCHEMA, trigger);
    expect(trigger).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: String(alertId),
      payload: { severity: 'critical', component: feature, class: 'slo', source: 'switchboard.example.com' },
      client: 'Switchboard',
      client_url: BASE,
    });
    expect(trigger.payload.summary).toContain('error budget burning at 15.2×');
    expect(trigger.payload.timestamp).toBe(now.toISOString());
    expect(trigger.links[0].href).toMatch(new RegExp(`^${BASE}/features/${feature}\\?from=.+&to=.+`));

    await resolveAlerts([alertId], new Date(now.getTime() + 600_000));
    await round(new Date(now.getTime() + 600_000));
    const resolve = JSON.parse(requestsTo('/pd/')[1].body);
    expectContract(PAGERDUTY_EVENT_SCHEMA, resolve);
    expect(resolve).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: String(alertId) });

    const deliveries = await deliveriesOf(hook);
    expect(deliveries.map((d) => [d.event, d.attempts, d.lastStatus, d.lastError])).toEqual([
      ['firing', 1, 202, null],
      ['resolved', 1, 202, null],
    ]);
    expect(deliveries.every((d) => d.deliveredAt !== null)).toBe(true);
  });

  it('retries PagerDuty’s 429 after its Retry-After and gives up on its 400 at once', async () => {
    let calls = 0;
    receiver.handle((req, res) => {
      if (req.url.startsWith('/pd-busy/') && calls++ === 0)
        return json(
          res,
          429,
          { status: 'throttle event', message: 'Requests for this service are arriving too quickly.' },
          { 'Retry-After': '30' },
        );
      if (req.url.startsWith('/pd-bad/'))
        return json(res, 400, {
          status: 'invalid event',
          message: 'Event object is invalid',
          errors: ["'routing_key' is invalid"],
        });
      pagerDuty(req, res);
    });
    const feature = await createFeature('paging-pd-retry');
    const busy = await insertWebhook(`${receiver.url}/pd-busy/v2/enqueue`, 'ticket', true, {
      kind: 'pagerduty',
      secret: ROUTING_KEY,
    });
    const bad = await insertWebhook(`${receiver.url}/pd-bad/v2/enqueue`, 'ticket', true, {
      kind: 'pagerduty',
      secret: ROUTING_KEY,
    });
    const now = future(21);
    await openAlerts([alertCandidate(feature)], now);

    await round(now);
    const [throttled] = await deliveriesOf(busy);
    expect(throttled).toMatchObject({ attempts: 1, lastStatus: 429, deliveredAt: null, failedAt: null });
    expect(throttled.nextAttemptAt!.getTime() - now.getTime()).toBeGreaterThanOrEqual(30_000);
    await round(throttled.nextAttemptAt!);
    expect((await deliveriesOf(busy))[0]).toMatchObject({ attempts: 2, lastStatus: 202, lastError: null });
    expect((await attemptsOf(throttled.id)).map((a) => a.status)).toEqual([429, 202]);

    const [refused] = await deliveriesOf(bad);
    expect(refused).toMatchObject({ attempts: 1, lastStatus: 400, nextAttemptAt: null, deliveredAt: null });
    expect(refused.failedAt).not.toBeNull();
    expect(refused.lastError).toContain('Event object is invalid');
  });

  it('creates an Opsgenie alert with the alert id as alias and closes it by alias, with the GenieKey header', async () => {
    receiver.handle(opsgenie);
    const feature = await createFeature('paging-og');
    const hook = await insertWebhook(`${receiver.url}/og/v2/alerts`, 'ticket', true, {
      kind: 'opsgenie',
      secret: GENIE_KEY,
    });
    const now = future(22);
    const [alertId] = await openAlerts([alertCandidate(feature, { severity: 'ticket' })], now);

    await round(now);
    const [create] = requestsTo('/og/');
    expect(create).toMatchObject({ method: 'POST', url: '/og/v2/alerts' });
    expect(create.headers.authorization).toBe(`GenieKey ${GENIE_KEY}`);
    expect(create.headers['content-type']).toBe('application/json');
    const body = JSON.parse(create.body);
    expectContract(OPSGENIE_CREATE_SCHEMA, body);
    expect(opsgenieDetailsLength(body.details)).toBeLessThanOrEqual(OPSGENIE_DETAILS_MAX_CHARS);
    expect(body).toMatchObject({ alias: String(alertId), entity: feature, source: 'Switchboard', priority: 'P3' });
    expect(body.details.link).toMatch(new RegExp(`^${BASE}/features/${feature}\\?from=`));

    await resolveAlerts([alertId], new Date(now.getTime() + 900_000));
    await round(new Date(now.getTime() + 900_000));
    const close = requestsTo('/og/')[1];
    const url = new URL(close.url, 'http://opsgenie');
    expect(close.method).toBe('POST');
    expect(url.pathname).toBe(`/og/v2/alerts/${alertId}/close`);
    expect(OPSGENIE_IDENTIFIER_TYPES).toContain(url.searchParams.get('identifierType'));
    expect(url.searchParams.get('identifierType')).toBe('alias');
    expect(close.headers.authorization).toBe(`GenieKey ${GENIE_KEY}`);
    const closeBody = JSON.parse(close.body);
    expectContract(OPSGENIE_CLOSE_SCHEMA, closeBody);
    expect(closeBody).toEqual({
      source: 'Switchboard',
      note: expect.stringMatching(/^Resolved in Switchboard: opened .+ \(15 min\)\.$/),
    });
    expect((await deliveriesOf(hook)).map((d) => [d.event, d.lastStatus])).toEqual([
      ['firing', 202],
      ['resolved', 202],
    ]);
  });

  it('does not page for an alert that resolved before its trigger went out, and still sends the resolve', async () => {
    receiver.handle(pagerDuty);
    const feature = await createFeature('paging-late');
    const hook = await insertWebhook(`${receiver.url}/pd-late/v2/enqueue`, 'ticket', true, {
      kind: 'pagerduty',
      secret: ROUTING_KEY,
    });
    const now = future(23);
    const [alertId] = await openAlerts([alertCandidate(feature)], now);
    await resolveAlerts([alertId], new Date(now.getTime() + 60_000));

    await round(new Date(now.getTime() + 60_000));
    const sent = requestsTo('/pd-late/').map((r) => JSON.parse(r.body));
    expect(sent.map((b) => b.event_action)).toEqual(['resolve']);
    const [firing, resolved] = await deliveriesOf(hook);
    expect(firing).toMatchObject({
      event: 'firing',
      attempts: 1,
      lastStatus: null,
      lastError: 'Not sent: the alert had resolved before it could page.',
    });
    expect(resolved).toMatchObject({ event: 'resolved', lastStatus: 202 });
  });

  it('keeps the key for sending, shows only its end, and tests a paging webhook with an incident it resolves', async () => {
    receiver.handle(pagerDuty);
    const { db } = await testDatabase();
    const actor = { id: 'test', label: 'test' };
    const row = await createWebhook(
      db,
      {
        name: `pd ${Date.now()}`,
        kind: 'pagerduty',
        url: `${receiver.url}/pd-test/v2/enqueue`,
        secret: ROUTING_KEY,
        enabled: false,
        minSeverity: 'page',
      },
      actor,
    );
    try {
      expect(row).toMatchObject({ kind: 'pagerduty', secretEnd: 'd1a6' });
      expect(JSON.stringify(row)).not.toContain(ROUTING_KEY);
      const [created] = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'webhook.create'), eq(auditLog.targetId, String(row.id))));
      expect(created.after).toMatchObject({ kind: 'pagerduty', key: '…d1a6' });
      expect(JSON.stringify(created)).not.toContain(ROUTING_KEY);

      const answer = await sendTestMessage(db, row.id, BASE);
      expect(answer).toMatchObject({ status: 202, error: null });
      const [open, resolve] = requestsTo('/pd-test/').map((r) => JSON.parse(r.body));
      expectContract(PAGERDUTY_EVENT_SCHEMA, open);
      expectContract(PAGERDUTY_EVENT_SCHEMA, resolve);
      expect(open.event_action).toBe('trigger');
      expect(open.dedup_key).toMatch(/^switchboard-test-/);
      expect(resolve).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: open.dedup_key });

      // Another service's key is never kept: moving to Opsgenie needs one.
      const refused = await changeWebhook(
        db,
        row.id,
        { kind: 'opsgenie', url: 'https://api.opsgenie.com/v2/alerts' },
        actor,
      ).catch((err: ApiError) => err);
      expect((refused as ApiError).fieldErrors).toEqual({
        secret: ['Paste the API key: Opsgenie accepts alerts only with it.'],
      });
      const kept = await changeWebhook(db, row.id, { name: 'renamed', secret: undefined }, actor);
      expect(kept.secretEnd).toBe('d1a6');
      const slack = await changeWebhook(
        db,
        row.id,
        { kind: 'slack', url: `${receiver.url}/slack`, secret: null },
        actor,
      );
      expect(slack).toMatchObject({ kind: 'slack', secretEnd: null });
    } finally {
      await db.delete(webhooks).where(eq(webhooks.id, row.id));
    }
  });

  it('is paged by the running app’s own worker', async () => {
    receiver.handle(pagerDuty);
    const feature = await createFeature('paging-app');
    const hook = await insertWebhook(`${receiver.url}/pd-app/v2/enqueue`, 'ticket', true, {
      kind: 'pagerduty',
      secret: ROUTING_KEY,
    });
    const [alertId] = await openAlerts([alertCandidate(feature)], new Date());
    await until(async () => (await deliveriesOf(hook))[0]?.deliveredAt != null, 20_000, 'the app to page');
    const [trigger] = requestsTo('/pd-app/').map((r) => JSON.parse(r.body));
    expectContract(PAGERDUTY_EVENT_SCHEMA, trigger);
    expect(trigger.dedup_key).toBe(String(alertId));
    expect(trigger.links[0].href.startsWith(`${baseUrl()}/features/${feature}?from=`)).toBe(true);
  });
});
