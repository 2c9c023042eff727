// The PagerDuty and Opsgenie messages: severity and priority maps, the vendors' field limits,
// the resolve and close shapes, and where each request goes with which key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truncateText } from '@/lib/format/text';
import {
  OPSGENIE_LIMITS,
  OPSGENIE_PRIORITY,
  opsgenieClose,
  opsgenieCloseUrl,
  opsgenieCreate,
} from '@/lib/webhooks/opsgenie';
import { PAGERDUTY_LIMITS, PAGERDUTY_SEVERITY, pagerDutyResolve, pagerDutyTrigger } from '@/lib/webhooks/pagerduty';
import type { PayloadAlert } from '@/lib/webhooks/payload';
import { sendWebhookRequest, webhookRequest } from '@/lib/webhooks/request';
import { json, startLocalServer, type LocalServer } from '../support/local-server';

const BASE = 'https://sb.example.com';
const ROUTING_KEY = 'e93facc04764012d7bfb002500d5d1a6';
const GENIE_KEY = 'eb243592-faa2-4ba2-a551-1afdf565c889';
const LINK =
  'https://sb.example.com/features/support-agent?from=2026-11-27T01%3A14%3A00.000Z&to=2026-11-27T03%3A15%3A00.000Z';

const alert: PayloadAlert = {
  id: 17,
  feature: 'support-agent',
  kind: 'slo',
  severity: 'page',
  summary: 'support-agent/up: error budget burning at 15.2× over 1h and 16× over 5m (threshold 14.4×)',
  details: { slo: 'up', burnRate: 15.234567, threshold: 14.4, budgetRemaining: 0.62 },
  startedAt: new Date('2026-11-27T02:14:30Z'),
  resolvedAt: null,
  acknowledgedBy: null,
};
const resolved = { ...alert, resolvedAt: new Date('2026-11-27T03:20:30Z') };

describe('truncateText', () => {
  it('keeps text within the limit, marks the cut, and never splits a surrogate pair', () => {
    expect(truncateText('abc', 3)).toBe('abc');
    expect(truncateText('abcd', 3)).toBe('ab…');
    expect(truncateText('a😀b', 3)).toBe('a…');
    expect(truncateText('x'.repeat(2000), 1024)).toHaveLength(1024);
  });
});

describe('PagerDuty Events API v2', () => {
  it('maps page to critical, ticket to warning (low urgency) and info to info', () => {
    expect(PAGERDUTY_SEVERITY).toEqual({ page: 'critical', ticket: 'warning', info: 'info' });
    for (const severity of ['page', 'ticket', 'info'] as const) {
      expect(
        pagerDutyTrigger({ ...alert, severity }, { routingKey: ROUTING_KEY, baseUrl: BASE }).payload.severity,
      ).toBe(PAGERDUTY_SEVERITY[severity]);
    }
  });

  it('triggers with the alert id as dedup_key, the feature as component and a link to it', () => {
    const event = pagerDutyTrigger(alert, { routingKey: ROUTING_KEY, baseUrl: BASE });
    expect(event).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: '17',
      payload: {
        summary: alert.summary,
        source: 'sb.example.com',
        severity: 'critical',
        timestamp: '2026-11-27T02:14:30.000Z',
        component: 'support-agent',
        class: 'slo',
      },
      links: [{ href: LINK, text: 'Open support-agent in Switchboard' }],
      client: 'Switchboard',
      client_url: BASE,
    });
    expect(event.payload.custom_details).toMatchObject({
      summary: alert.summary,
      feature: 'support-agent',
      alert: 17,
      'Burn rate': '15.2×',
      details: alert.details,
      link: LINK,
    });
  });

  it('names the feature first, once', () => {
    expect(
      pagerDutyTrigger({ ...alert, summary: 'spend spiked' }, { routingKey: ROUTING_KEY, baseUrl: BASE }).payload
        .summary,
    ).toBe('support-agent: spend spiked');
    expect(
      opsgenieCreate({ ...alert, summary: 'support-agent: daily spend $9.00 reached 90%' }, { baseUrl: BASE }).message,
    ).toBe('support-agent: daily spend $9.00 reached 90%');
  });

  it('cuts the summary at 1,024 characters and keeps the whole text in custom_details', () => {
    const long = { ...alert, summary: 'burning '.repeat(300) };
    const event = pagerDutyTrigger(long, { routingKey: ROUTING_KEY, baseUrl: BASE });
    expect(event.payload.summary).toHaveLength(PAGERDUTY_LIMITS.summary);
    expect(event.payload.summary.endsWith('…')).toBe(true);
    expect(event.payload.custom_details.summary).toBe(long.summary);
    const exact = { ...alert, summary: 'x'.repeat(PAGERDUTY_LIMITS.summary - 'support-agent: '.length) };
    expect(pagerDutyTrigger(exact, { routingKey: ROUTING_KEY, baseUrl: BASE }).payload.summary).toBe(
      `support-agent: ${exact.summary}`,
    );
  });

  it('resolves with the routing key and dedup_key alone', () => {
    expect(pagerDutyResolve({ routingKey: ROUTING_KEY, dedupKey: '17' })).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'resolve',
      dedup_key: '17',
    });
    const request = webhookRequest(
      { kind: 'pagerduty', url: 'https://events.pagerduty.com/v2/enqueue', secret: ROUTING_KEY },
      resolved,
      'resolved',
      BASE,
    );
    expect(request).toEqual({
      url: 'https://events.pagerduty.com/v2/enqueue',
      headers: {},
      body: { routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: '17' },
      secret: ROUTING_KEY,
    });
  });
});

describe('Opsgenie Alert API', () => {
  it('maps page to P1, ticket to P3 (Opsgenie’s default) and info to P5', () => {
    expect(OPSGENIE_PRIORITY).toEqual({ page: 'P1', ticket: 'P3', info: 'P5' });
    expect(opsgenieCreate({ ...alert, severity: 'ticket' }, { baseUrl: BASE }).priority).toBe('P3');
  });

  it('creates with the alert id as alias, the feature as entity, string details and the link', () => {
    const body = opsgenieCreate(alert, { baseUrl: BASE });
    expect(body).toMatchObject({
      message: alert.summary,
      alias: '17',
      tags: ['switchboard', 'page', 'slo', 'support-agent'],
      entity: 'support-agent',
      source: 'Switchboard',
      priority: 'P1',
    });
    expect(body.description).toContain(alert.summary);
    expect(body.description).toContain('Opened 2026-11-27 02:14 UTC · slo alert #17');
    expect(body.description).toContain('Burn rate: 15.2×');
    expect(body.description.endsWith(`Open support-agent in Switchboard: ${LINK}`)).toBe(true);
    expect(body.details).toMatchObject({
      link: LINK,
      feature: 'support-agent',
      severity: 'page',
      alert: '17',
      started: '2026-11-27T02:14:30.000Z',
      SLO: 'up',
      'Burn rate': '15.2×',
    });
    for (const value of Object.values(body.details)) expect(typeof value).toBe('string');
  });

  it('keeps every field within Opsgenie’s limits', () => {
    const feature = `f${'e'.repeat(63)}`; // the longest feature key
    const details = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`number${i}`, 'x'.repeat(60)]));
    const body = opsgenieCreate({ ...alert, feature, summary: 'burning '.repeat(3000), details }, { baseUrl: BASE });
    expect(body.message).toHaveLength(OPSGENIE_LIMITS.message);
    expect(body.description.length).toBeLessThanOrEqual(OPSGENIE_LIMITS.description);
    expect(
      body.description.endsWith(
        `/features/${feature}?from=2026-11-27T01%3A14%3A00.000Z&to=2026-11-27T03%3A15%3A00.000Z`,
      ),
    ).toBe(true);
    expect(body.tags.length).toBeLessThanOrEqual(OPSGENIE_LIMITS.tags);
    expect(body.tags.every((tag) => tag.length <= OPSGENIE_LIMITS.tag)).toBe(true);
    const total = Object.entries(body.details).reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(total).toBeLessThanOrEqual(OPSGENIE_LIMITS.details);
    expect(body.details.link).toContain(feature);
  });

  it('closes by alias with a note saying how long the alert lasted', () => {
    expect(opsgenieClose(resolved)).toEqual({
      source: 'Switchboard',
      note: 'Resolved in Switchboard: opened 2026-11-27 02:14 UTC, resolved 2026-11-27 03:20 UTC (1 h 6 min).',
    });
    expect(opsgenieCloseUrl('https://api.opsgenie.com/v2/alerts', '17')).toBe(
      'https://api.opsgenie.com/v2/alerts/17/close?identifierType=alias',
    );
    expect(opsgenieCloseUrl('https://api.eu.opsgenie.com/v2/alerts/', 'a b')).toBe(
      'https://api.eu.opsgenie.com/v2/alerts/a%20b/close?identifierType=alias',
    );
  });

  it('sends the key as Authorization: GenieKey, to the alerts URL to create and its close path to close', () => {
    const target = { kind: 'opsgenie' as const, url: 'https://api.eu.opsgenie.com/v2/alerts', secret: GENIE_KEY };
    const create = webhookRequest(target, alert, 'firing', BASE);
    expect(create).toMatchObject({
      url: 'https://api.eu.opsgenie.com/v2/alerts',
      headers: { authorization: `GenieKey ${GENIE_KEY}` },
      body: { alias: '17' },
    });
    const close = webhookRequest(target, resolved, 'resolved', BASE);
    expect(close).toMatchObject({
      url: 'https://api.eu.opsgenie.com/v2/alerts/17/close?identifierType=alias',
      headers: { authorization: `GenieKey ${GENIE_KEY}` },
    });
    expect(close.body).toEqual(opsgenieClose(resolved));
  });
});

describe('sending to a paging service', () => {
  let receiver: LocalServer;
  beforeAll(async () => {
    receiver = await startLocalServer();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('keeps a key the receiver repeats out of the answer that is stored and shown', async () => {
    receiver.handle((req, res) => json(res, 401, { message: `Key ${req.headers.authorization} is not valid` }));
    const target = { kind: 'opsgenie' as const, url: `${receiver.url}/v2/alerts`, secret: GENIE_KEY };
    const sent = await sendWebhookRequest(webhookRequest(target, alert, 'firing', BASE));
    expect(receiver.requests.at(-1)!.headers.authorization).toBe(`GenieKey ${GENIE_KEY}`);
    expect(sent.status).toBe(401);
    expect(sent.error).toBe('HTTP 401: {"message":"Key GenieKey …c889 is not valid"}');
    expect(sent.body).not.toContain(GENIE_KEY);
  });

  it('keeps Slack-compatible messages as they were', () => {
    const request = webhookRequest(
      { kind: 'slack', url: 'https://hooks.slack.com/services/T0/B0/x', secret: null },
      alert,
      'firing',
      BASE,
    );
    expect(request.headers).toEqual({});
    expect(request.body).toMatchObject({ switchboard: { event: 'firing', url: LINK } });
  });
});
