// GET /api/v1/alerts and POST /api/v1/alerts/{id}/ack: filters, scopes, audit.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { applyAlertTransitions } from '@/lib/alerts/apply';
import { alertCandidate, future, openAlerts } from '../support/alerts';
import { createFeature } from '../support/switches';
import { baseUrl, createTestKey, testDatabase } from '../support/system';

let readKey: string;
let writeKey: string;
beforeAll(async () => {
  readKey = await createTestKey(['read'], 'alerts-reader');
  writeKey = await createTestKey(['switches:write'], 'incident-bot');
});

const get = (query: string, key = readKey) =>
  fetch(`${baseUrl()}/api/v1/alerts${query}`, { headers: { authorization: `Bearer ${key}` } });
const ack = (id: number | string, key: string | null = writeKey) =>
  fetch(`${baseUrl()}/api/v1/alerts/${id}/ack`, {
    method: 'POST',
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });

describe('GET /api/v1/alerts', () => {
  it('lists alerts by state and feature, newest first, with their numbers and link', async () => {
    const feature = await createFeature('alerts-api');
    const [older] = await openAlerts([alertCandidate(feature)], future(50));
    const [newer] = await openAlerts([alertCandidate(feature, { severity: 'ticket' })], future(50, 60_000));
    const { db } = await testDatabase();
    await applyAlertTransitions(db, {
      plan: { open: [], resolve: [{ id: older, fingerprint: '', feature }], keep: [] },
      now: future(50, 120_000),
    });

    const all = await (await get(`?feature=${feature}`)).json();
    expect(all.alerts.map((a: { id: number }) => a.id)).toEqual([newer, older]);
    expect(all.alerts[1]).toMatchObject({
      feature,
      state: 'resolved',
      severity: 'page',
      details: { burnRate: 15.2 },
      acknowledgedBy: null,
    });
    expect(all.alerts[1].link).toMatch(new RegExp(`^/features/${feature}\\?from=`));
    const firing = await (await get(`?feature=${feature}&state=firing`)).json();
    expect(firing.alerts.map((a: { id: number }) => a.id)).toEqual([newer]);
  });

  it('refuses bad parameters by name, and callers without the read scope', async () => {
    const bad = await get('?state=open&colour=red');
    expect(bad.status).toBe(400);
    const { error } = await bad.json();
    expect(error.fieldErrors.state).toEqual(['state must be "firing" or "resolved".']);
    expect(error.fieldErrors._).toEqual(['Unknown parameter: colour.']);
    expect((await get('', writeKey)).status).toBe(403);
    expect((await fetch(`${baseUrl()}/api/v1/alerts`)).status).toBe(401);
  });
});

describe('POST /api/v1/alerts/{id}/ack', () => {
  it('acknowledges once with a switches:write key, audit-logged; a second ack changes nothing', async () => {
    const feature = await createFeature('alerts-ack');
    const [id] = await openAlerts([alertCandidate(feature)], future(51));

    const first = await ack(id);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      id,
      state: 'firing',
      acknowledgedBy: 'key incident-bot',
      changed: true,
    });
    const second = await ack(id);
    expect(await second.json()).toMatchObject({ acknowledgedBy: 'key incident-bot', changed: false });

    const { db } = await testDatabase();
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'alert'), eq(auditLog.targetId, String(id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'alert.acknowledge',
      actorLabel: 'key incident-bot',
      after: { acknowledgedBy: 'key incident-bot', feature },
    });
  });

  it('refuses a read-only key, no key, an unknown or malformed id and a resolved alert', async () => {
    const feature = await createFeature('alerts-ack-refused');
    const [id] = await openAlerts([alertCandidate(feature)], future(52));
    expect((await ack(id, readKey)).status).toBe(403);
    expect((await ack(id, null)).status).toBe(401);
    expect((await ack(999_999_999)).status).toBe(404);
    expect((await ack('abc')).status).toBe(400);

    const { db } = await testDatabase();
    await applyAlertTransitions(db, {
      plan: { open: [], resolve: [{ id, fingerprint: '', feature }], keep: [] },
      now: future(52, 60_000),
    });
    const resolved = await ack(id);
    expect(resolved.status).toBe(409);
    expect((await resolved.json()).error.message).toContain('already resolved');
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'alert'), eq(auditLog.targetId, String(id))));
    expect(audit).toHaveLength(0);
  });
});
