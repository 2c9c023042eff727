// Flag triggers over HTTP: creating and managing them (scopes, a secret shown once, rotation,
// disabling), and calling a trigger URL with a generic POST, a Grafana alerting body and bad
// input. The real Alertmanager drives one in alertmanager-trigger.test.ts.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { createFeature } from '../support/switches';
import { baseUrl, createTestKey, testDatabase } from '../support/system';
import { createTrigger, onTestServer, storedSwitch } from '../support/triggers';

let writeKey: string;
let readKey: string;

beforeAll(async () => {
  writeKey = await createTestKey(['switches:write'], 'trigger-writer');
  readKey = await createTestKey(['switches:read'], 'trigger-reader');
});

const post = (url: string, body?: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

async function auditOf(feature: string) {
  const { db } = await testDatabase();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'switch'), eq(auditLog.targetId, feature)));
}

/** Grafana's webhook contact point body (shape as documented at grafana.com/docs, "Configure the webhook notifier"). */
function grafanaBody(status: 'firing' | 'resolved') {
  return {
    receiver: 'switchboard-trigger',
    status,
    orgId: 1,
    alerts: [
      {
        status,
        labels: { alertname: 'LLM error rate', team: 'ml', grafana_folder: 'LLM' },
        annotations: {
          summary: 'support-agent errors above 5 % for 5 minutes',
          runbook_url: 'https://runbooks.example/llm',
        },
        startsAt: '2026-12-07T02:00:00Z',
        endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-12-07T02:20:00Z',
        generatorURL: 'https://grafana.example/alerting/grafana/abc/view',
        fingerprint: '3e1f0c2b9d8a7f65',
        silenceURL: 'https://grafana.example/alerting/silence/new',
        dashboardURL: '',
        panelURL: '',
        values: { B: 0.071, C: 1 },
        valueString: "[ var='B' labels={} value=0.071 ]",
      },
    ],
    groupLabels: { alertname: 'LLM error rate' },
    commonLabels: { alertname: 'LLM error rate', team: 'ml' },
    commonAnnotations: {},
    externalURL: 'https://grafana.example/',
    version: '1',
    groupKey: '{}:{alertname="LLM error rate"}',
    truncatedAlerts: 0,
    title: '[FIRING:1] LLM error rate (ml)',
    state: 'alerting',
    message: '**Firing**\n\nValue: B=0.071',
  };
}

describe('managing triggers', () => {
  it('creates a trigger with a switches:write key, answers its URL once and lists it without the secret', async () => {
    const feature = await createFeature('trig-create');
    const created = await createTrigger(writeKey, feature, { name: 'pager', action: 'kill' });
    expect(created.url).toMatch(/\/api\/v1\/triggers\/sbt_[A-Za-z0-9_-]{43}$/);
    expect(created.trigger).toMatchObject({
      name: 'pager',
      action: 'kill',
      restoreOnResolve: false,
      enabled: true,
      secretHint: created.url.slice(-4),
    });

    const listed = await fetch(`${baseUrl()}/api/v1/features/${feature}/triggers`, {
      headers: { authorization: `Bearer ${readKey}` },
    });
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(new URL(created.url).pathname.split('/').pop());
    expect(JSON.parse(text).triggers).toHaveLength(1);
    expect((await auditOf(feature)).map((a) => a.action)).toContain('trigger.create');
  });

  it('refuses a read key, a duplicate name and bad bodies, creating nothing', async () => {
    const feature = await createFeature('trig-refuse');
    const create = (body: string, key = writeKey) =>
      post(`${baseUrl()}/api/v1/features/${feature}/triggers`, body, { authorization: `Bearer ${key}` });
    expect((await create(JSON.stringify({ name: 'a', action: 'kill' }), readKey)).status).toBe(403);
    expect((await create('{"name": "x", "action": "explode"}')).status).toBe(400);
    expect((await create('{"name": "x", "action": "restore", "restoreOnResolve": true}')).status).toBe(400);
    expect((await create('{"name": "x", "action": "kill", "extra": 1}')).status).toBe(400);
    expect((await create('not json')).status).toBe(400);
    expect((await create(JSON.stringify({ name: 'x'.repeat(20_000), action: 'kill' }))).status).toBe(413);
    expect(
      (
        await post(`${baseUrl()}/api/v1/features/no-such-feature-x/triggers`, '{"name":"a","action":"kill"}', {
          authorization: `Bearer ${writeKey}`,
        })
      ).status,
    ).toBe(404);
    await createTrigger(writeKey, feature, { name: 'dup', action: 'kill' });
    const dup = await create(JSON.stringify({ name: 'dup', action: 'restore' }));
    expect(dup.status).toBe(409);
    const listed = await (
      await fetch(`${baseUrl()}/api/v1/features/${feature}/triggers`, {
        headers: { authorization: `Bearer ${readKey}` },
      })
    ).json();
    expect(listed.triggers.map((t: { name: string }) => t.name)).toEqual(['dup']);
  });

  it('rotating gives a new URL and the old one stops working; a disabled trigger answers 404', async () => {
    const feature = await createFeature('trig-rotate');
    const { trigger, url } = await createTrigger(writeKey, feature, { name: 'rotate-me', action: 'kill' });
    const rotated = await post(`${baseUrl()}/api/v1/features/${feature}/triggers/${trigger.id}/rotate`, undefined, {
      authorization: `Bearer ${writeKey}`,
    });
    expect(rotated.status).toBe(200);
    const { url: newUrl } = await rotated.json();
    expect(newUrl).not.toBe(url);
    expect((await post(onTestServer(url), '{}')).status).toBe(404);
    expect(await storedSwitch(feature)).toBeUndefined();

    const disable = await fetch(`${baseUrl()}/api/v1/features/${feature}/triggers/${trigger.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
      body: '{"enabled": false}',
    });
    expect(disable.status).toBe(200);
    expect((await post(onTestServer(newUrl), '{}')).status).toBe(404);
    expect(await storedSwitch(feature)).toBeUndefined();
    expect((await auditOf(feature)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['trigger.rotate', 'trigger.update']),
    );
  });
});

describe('calling a trigger URL', () => {
  it('kills the switch on any POST, with the reason field as the reason and the trigger as the actor', async () => {
    const feature = await createFeature('trig-generic');
    const { url } = await createTrigger(writeKey, feature, { name: 'datadog', action: 'kill' });
    const res = await post(onTestServer(url), JSON.stringify({ reason: 'Datadog monitor 4121: cost spike' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      trigger: 'datadog',
      feature,
      outcome: 'killed',
      killed: true,
      source: 'generic',
    });
    expect(await storedSwitch(feature)).toMatchObject({
      killed: true,
      reason: 'Datadog monitor 4121: cost spike',
      updatedBy: 'trigger:datadog',
    });
    const flip = (await auditOf(feature)).find((a) => a.action === 'switch.flip')!;
    expect(flip).toMatchObject({ actorLabel: 'trigger:datadog', reason: 'Datadog monitor 4121: cost spike' });

    // Again: nothing changes, and the use is audited.
    const again = await post(onTestServer(url));
    expect(await again.json()).toMatchObject({ outcome: 'unchanged', killed: true });
    expect((await auditOf(feature)).filter((a) => a.action === 'trigger.call')).toHaveLength(1);
  });

  it('a Grafana alert kills, and its resolve restores with restoreOnResolve', async () => {
    const feature = await createFeature('trig-grafana');
    const { url } = await createTrigger(writeKey, feature, { name: 'grafana', action: 'kill', restoreOnResolve: true });
    const fired = await post(onTestServer(url), JSON.stringify(grafanaBody('firing')));
    expect(await fired.json()).toMatchObject({ source: 'grafana', event: 'firing', outcome: 'killed' });
    expect((await storedSwitch(feature))!.reason).toBe('LLM error rate: support-agent errors above 5 % for 5 minutes');
    const resolved = await post(onTestServer(url), JSON.stringify(grafanaBody('resolved')));
    expect(await resolved.json()).toMatchObject({
      source: 'grafana',
      event: 'resolved',
      outcome: 'restored',
      killed: false,
    });
  });

  it('does not restore a switch that a person killed after the trigger did', async () => {
    const feature = await createFeature('trig-human');
    const { url } = await createTrigger(writeKey, feature, { name: 'am', action: 'kill', restoreOnResolve: true });
    await post(onTestServer(url), JSON.stringify(grafanaBody('firing')));
    const put = (killed: boolean, reason: string) =>
      fetch(`${baseUrl()}/api/v1/switches/${feature}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ killed, reason }),
      });
    expect((await put(false, 'looking into it')).status).toBe(200);
    expect((await put(true, 'still broken, keep it off')).status).toBe(200);
    const resolved = await (await post(onTestServer(url), JSON.stringify(grafanaBody('resolved')))).json();
    expect(resolved).toMatchObject({ outcome: 'ignored', killed: true });
    expect(resolved.note).toContain('key trigger-writer');
    expect(await storedSwitch(feature)).toMatchObject({ killed: true, reason: 'still broken, keep it off' });
  });

  it('a restore trigger brings the switch back', async () => {
    const feature = await createFeature('trig-restore');
    const kill = await createTrigger(writeKey, feature, { name: 'kill', action: 'kill' });
    const restore = await createTrigger(writeKey, feature, { name: 'all-clear', action: 'restore' });
    await post(onTestServer(kill.url), '{"reason": "incident 42"}');
    const res = await (await post(onTestServer(restore.url), '{"reason": "incident 42 over"}')).json();
    expect(res).toMatchObject({ outcome: 'restored', killed: false });
    expect(await storedSwitch(feature)).toMatchObject({
      killed: false,
      reason: 'incident 42 over',
      updatedBy: 'trigger:all-clear',
    });
  });

  it('refuses a wrong secret (404), garbage, arrays, bad notifications and oversized bodies, flipping nothing', async () => {
    const feature = await createFeature('trig-bad');
    const { url } = await createTrigger(writeKey, feature, { name: 'bad-input', action: 'kill' });
    const target = onTestServer(url);
    const wrong = await post(target.slice(0, -2) + (target.endsWith('AA') ? 'BB' : 'AA'), '{}');
    expect(wrong.status).toBe(404);
    expect((await wrong.json()).error.code).toBe('not_found');
    expect((await post(`${baseUrl()}/api/v1/triggers/x`, '{}')).status).toBe(404);
    expect((await post(target, 'garbage{')).status).toBe(400);
    expect((await post(target, '[1,2]')).status).toBe(400);
    expect((await post(target, '"kill"')).status).toBe(400);
    expect((await post(target, JSON.stringify({ alerts: [{ status: 'burning' }], status: 'firing' }))).status).toBe(
      400,
    );
    expect((await post(target, JSON.stringify({ reason: 42 }))).status).toBe(400);
    expect((await post(target, JSON.stringify({ reason: 'x'.repeat(300_000) }))).status).toBe(413);
    expect((await fetch(target)).status).toBe(405);
    expect(await storedSwitch(feature)).toBeUndefined();
  });

  it('limits calls per trigger with 429 and Retry-After', async () => {
    const feature = await createFeature('trig-rate');
    const { url } = await createTrigger(writeKey, feature, { name: 'noisy', action: 'kill' });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 14; i++) {
      const res = await post(onTestServer(url), '{}');
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      await res.arrayBuffer();
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });
});
