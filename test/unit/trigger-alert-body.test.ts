// Reading a trigger call's body (lib/triggers/alert-body.ts): which source, which event, which reason.
import { describe, expect, it } from 'vitest';
import { type ApiError } from '@/lib/api/errors';
import { parseTriggerBody } from '@/lib/triggers/alert-body';
import { REASON_MAX } from '@/lib/validations/switch';

const alert = (status: 'firing' | 'resolved', name: string, summary?: string) => ({
  status,
  labels: { alertname: name },
  annotations: summary ? { summary } : {},
});

describe('parseTriggerBody', () => {
  it('reads an Alertmanager group as one event with the first alert in its state and a count of the rest', () => {
    const body = {
      version: '4',
      status: 'firing',
      alerts: [alert('resolved', 'Old'), alert('firing', 'Burn', 'fast burn'), alert('firing', 'Burn', 'eu too')],
    };
    expect(parseTriggerBody(body, 't')).toEqual({
      source: 'alertmanager',
      status: 'firing',
      reason: 'Burn: fast burn (+1 more)',
      alertCount: 3,
    });
    expect(
      parseTriggerBody({ ...body, status: 'resolved', alerts: [alert('resolved', 'Burn', 'fast burn')] }, 't').reason,
    ).toBe('resolved: Burn: fast burn');
  });

  it('tells Grafana by its orgId and falls back to the title and common annotations', () => {
    const body = {
      orgId: 1,
      version: '1',
      title: '[FIRING:1] Errors',
      status: 'firing',
      alerts: [{ status: 'firing' }],
      commonAnnotations: { summary: 'too many' },
    };
    expect(parseTriggerBody(body, 't')).toMatchObject({ source: 'grafana', reason: '[FIRING:1] Errors: too many' });
  });

  it('reads anything else as a call of the action, with its reason field or a default', () => {
    expect(parseTriggerBody(undefined, 'pager')).toEqual({
      source: 'generic',
      status: 'firing',
      reason: 'trigger pager was called',
      alertCount: 1,
    });
    expect(parseTriggerBody({ reason: '  cost   spike ', monitor: 12 }, 'pager').reason).toBe('cost spike');
    expect(parseTriggerBody({ reason: 'x' }, 'pager').reason).toBe('x (trigger)');
  });

  it('fits a long summary on one line under the reason limit', () => {
    const reason = parseTriggerBody(
      { status: 'firing', alerts: [alert('firing', 'A', 'line one\nline two '.repeat(100))] },
      't',
    ).reason;
    expect(reason.length).toBe(REASON_MAX);
    expect(reason).not.toContain('\n');
    expect(reason.endsWith('…')).toBe(true);
  });

  it('refuses arrays, strings, bad notifications and a non-string reason by name', () => {
    const refused = (body: unknown) => {
      try {
        parseTriggerBody(body, 't');
      } catch (err) {
        return err as ApiError;
      }
      throw new Error('accepted');
    };
    expect(refused([1]).status).toBe(400);
    expect(refused('kill').status).toBe(400);
    const bad = refused({ status: 'burning', alerts: [] });
    expect(bad.status).toBe(400);
    expect(bad.fieldErrors).toHaveProperty('status');
    expect(refused({ status: 'firing', alerts: 'all' }).fieldErrors).toHaveProperty('alerts');
    expect(refused({ reason: 42 }).fieldErrors).toHaveProperty('reason');
  });
});
