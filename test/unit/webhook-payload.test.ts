import { describe, expect, it } from 'vitest';
import { alertTimeRange, featureLink } from '@/lib/alerts/links';
import { severityAdmits } from '@/lib/alerts/severity';
import { buildAlertPayload, type PayloadAlert } from '@/lib/webhooks/payload';

const alert: PayloadAlert = {
  id: 17,
  feature: 'support agent',
  kind: 'slo',
  severity: 'page',
  summary: 'support agent/up: error budget burning at 15.2× over 1h and 16× over 5m (threshold 14.4×)',
  details: { slo: 'up', burnRate: 15.234567, threshold: 14.4, budgetRemaining: null },
  startedAt: new Date('2026-11-27T02:14:30Z'),
  resolvedAt: null,
  acknowledgedBy: null,
};

describe('alert links', () => {
  it('open the feature page from an hour before the start to an hour after it while firing', () => {
    expect(featureLink(alert.feature, alertTimeRange(alert), 'https://sb.example.com')).toBe(
      'https://sb.example.com/features/support%20agent?from=2026-11-27T01%3A14%3A00.000Z&to=2026-11-27T03%3A15%3A00.000Z',
    );
  });

  it('end half an hour after a resolved alert ended', () => {
    const range = alertTimeRange({ startedAt: alert.startedAt, resolvedAt: new Date('2026-11-27T03:00:00Z') });
    expect(range).toEqual({ from: new Date('2026-11-27T01:14:00Z'), to: new Date('2026-11-27T03:30:00Z') });
  });
});

describe('webhook payload', () => {
  it('is Slack-compatible: text with the severity, feature, summary and link; blocks with the numbers', () => {
    const payload = buildAlertPayload(alert, 'firing', 'https://sb.example.com');
    const link =
      'https://sb.example.com/features/support%20agent?from=2026-11-27T01%3A14%3A00.000Z&to=2026-11-27T03%3A15%3A00.000Z';
    expect(payload.text).toContain('FIRING [page] support agent: support agent/up: error budget burning');
    expect(payload.text).toContain(`<${link}|Open support agent in Switchboard>`);
    const json = JSON.stringify(payload.blocks);
    expect(json).toContain('*Burn rate*\\n15.2×');
    expect(json).toContain('*Error budget left*\\n—');
    expect(json).toContain('Opened 2026-11-27 02:14 UTC');
    expect(payload.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the feature' }, url: link }],
    });
    expect(payload.switchboard).toMatchObject({
      event: 'firing',
      url: link,
      alert: { id: 17, severity: 'page', startedAt: '2026-11-27T02:14:30.000Z', details: alert.details },
    });
  });

  it('says when a resolved alert started, ended and how long it lasted', () => {
    const payload = buildAlertPayload(
      { ...alert, resolvedAt: new Date('2026-11-27T03:20:30Z') },
      'resolved',
      'https://sb.example.com',
    );
    expect(payload.text).toMatch(/^:white_check_mark: RESOLVED \[page\] support agent/);
    expect(JSON.stringify(payload.blocks)).toContain(
      'Opened 2026-11-27 02:14 UTC, resolved 2026-11-27 03:20 UTC (1 h 6 min)',
    );
  });
});

describe('severity', () => {
  it('lets a webhook receive its minimum severity and above', () => {
    expect(severityAdmits('ticket', 'page')).toBe(true);
    expect(severityAdmits('ticket', 'ticket')).toBe(true);
    expect(severityAdmits('ticket', 'info')).toBe(false);
    expect(severityAdmits('page', 'ticket')).toBe(false);
    expect(severityAdmits('info', 'ticket')).toBe(true);
  });
});
