import { describe, expect, it } from 'vitest';
import { axisLatency, axisPercent, axisUsd } from '@/components/charts/axis-format';
import { chartMarkers } from '@/lib/stats/chart-markers';
import { featureViewHref, featureViewParams, parseFeatureView } from '@/lib/stats/feature-view';

describe('the feature page URL', () => {
  it('reads an alert link’s from/to as a custom range and ignores other parameters', () => {
    const params = featureViewParams({
      from: '2026-11-27T01:00:00Z',
      to: ['2026-11-27T03:30:00Z', 'x'],
      utm_source: 'slack',
      range: '',
    });
    expect(params).toEqual({ from: '2026-11-27T01:00:00Z', to: '2026-11-27T03:30:00Z' });
    const view = parseFeatureView(params);
    expect(view).toEqual({
      ok: true,
      range: 'custom',
      environment: 'production',
      from: new Date('2026-11-27T01:00:00Z'),
      to: new Date('2026-11-27T03:30:00Z'),
    });
  });

  it('defaults to the last 24 hours in production, and names what is wrong', () => {
    const view = parseFeatureView({});
    expect(view.ok && view.range).toBe('24h');
    expect(view.ok && view.to.getTime() - view.from.getTime()).toBe(86_400_000);
    expect(parseFeatureView({ range: '2h' })).toEqual({ ok: false, errors: ['range: Use 1h, 24h, 7d or 30d.'] });
    expect(parseFeatureView({ range: '1h', from: '2026-11-27T01:00:00Z' })).toEqual({
      ok: false,
      errors: ['range: Give either range or from/to, not both.'],
    });
  });

  it('writes hrefs without the defaults', () => {
    expect(featureViewHref('support agent', { range: '24h', environment: 'production' })).toBe(
      '/features/support%20agent',
    );
    expect(featureViewHref('a', { range: '7d', environment: 'staging' })).toBe(
      '/features/a?range=7d&environment=staging',
    );
    expect(featureViewHref('a', { from: '2026-11-27T01:00', to: '2026-11-27T02:00', range: '1h' })).toBe(
      '/features/a?from=2026-11-27T01%3A00&to=2026-11-27T02%3A00',
    );
  });
});

describe('chart markers', () => {
  it('keeps the flips, alert starts and new releases inside the range, in time order', () => {
    const flip = (at: string, killed: boolean) => ({
      id: 1,
      at,
      by: 'ana@example.com',
      from: { killed: !killed, reason: null },
      to: { killed, reason: 'x' },
      reason: 'Provider outage',
    });
    const markers = chartMarkers({
      flips: [
        flip('2026-11-27T02:30:00Z', false),
        flip('2026-11-27T01:10:00Z', true),
        flip('2026-11-26T23:00:00Z', true),
      ],
      alerts: [{ startedAt: new Date('2026-11-27T01:05:00Z'), severity: 'page', summary: 'fast burn' }],
      releases: [
        { release: 'v42', firstSeenAt: new Date('2026-11-27T00:58:00Z') },
        { release: 'v43', firstSeenAt: new Date('2026-11-27T01:00:00Z') },
      ],
      from: new Date('2026-11-27T01:00:00Z'),
      to: new Date('2026-11-27T03:00:00Z'),
    });
    expect(markers.map((m) => [new Date(m.at).toISOString().slice(11, 16), m.kind, m.label])).toEqual([
      ['01:00', 'release', 'Release v43 first seen'],
      ['01:05', 'alert', 'page alert: fast burn'],
      ['01:10', 'flip', 'Killed by ana@example.com: Provider outage'],
      ['02:30', 'flip', 'Restored by ana@example.com: Provider outage'],
    ]);
  });
});

describe('axis labels', () => {
  it('stay short', () => {
    expect([axisLatency(900), axisLatency(1200), axisLatency(45_000)]).toEqual(['900ms', '1.2s', '45s']);
    expect([axisUsd(0), axisUsd(0.0036), axisUsd(0.5), axisUsd(12.5), axisUsd(1500)]).toEqual([
      '$0',
      '$0.0036',
      '$0.5',
      '$13',
      '$1.5k',
    ]);
    expect([axisPercent(-0.5), axisPercent(0.995), axisPercent(1)]).toEqual(['-50%', '99.5%', '100%']);
  });
});
