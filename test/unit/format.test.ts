import { describe, expect, it } from 'vitest';
import { formatLatency, formatLatencyEstimate, formatPercent, formatUsd } from '@/lib/format/numbers';
import { formatRelative, formatUtcTime } from '@/lib/format/time';
import { featureStatus } from '@/lib/status/feature-status';

describe('figures as people read them', () => {
  it('never rounds a non-zero share to 0% or a partial one to 100%', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.00004)).toBe('<0.01%');
    expect(formatPercent(0.0037)).toBe('0.37%');
    expect(formatPercent(0.042)).toBe('4.2%');
    expect(formatPercent(0.42)).toBe('42%');
    expect(formatPercent(0.9995)).toBe('99.95%');
    expect(formatPercent(0.999999)).toBe('>99.99%');
    expect(formatPercent(null)).toBe('–');
  });

  it('shows latency in ms below a second and in s above', () => {
    expect(formatLatency(840)).toBe('840 ms');
    expect(formatLatency(1240)).toBe('1.24 s');
    expect(formatLatency(31_000)).toBe('31.0 s');
    // Percentiles from the ~5 % histogram: two significant figures.
    expect(
      ['7.4', '95.2', '843', '999', '1240', '6740', '14523', '31000', '123456', '1234567'].map((ms) =>
        formatLatencyEstimate(Number(ms)),
      ),
    ).toEqual(['7 ms', '95 ms', '840 ms', '1 s', '1.2 s', '6.7 s', '15 s', '31 s', '120 s', '1,200 s']);
    expect(formatLatencyEstimate(null)).toBe('–');
  });

  it('shows dollars with cents, and small amounts with enough precision', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.0042)).toBe('$0.0042');
    expect(formatUsd(0.004)).toBe('$0.004');
    expect(formatUsd(0.00001)).toBe('<$0.0001');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
  });

  it('gives times in UTC with a relative hint', () => {
    expect(formatUtcTime('2026-03-04T02:14:09Z')).toBe('02:14 UTC');
    expect(formatUtcTime('2026-03-04T02:14:09Z', true)).toBe('02:14:09 UTC');
    const now = Date.parse('2026-03-04T02:20:00Z');
    expect(formatRelative('2026-03-04T02:19:54Z', now, { seconds: true })).toBe('6 s ago');
    expect(formatRelative('2026-03-04T01:20:00Z', now, { seconds: true })).toBe('1 h ago');
  });

  it('derives the status from the switch and the error rate', () => {
    expect(featureStatus({ killed: true, calls: 0, errors: 0 })).toBe('killed');
    expect(featureStatus({ killed: false, calls: 0, errors: 0 })).toBe('no_traffic');
    expect(featureStatus({ killed: false, calls: 100, errors: 5 })).toBe('failing');
    expect(featureStatus({ killed: false, calls: 100, errors: 1 })).toBe('degraded');
    expect(featureStatus({ killed: false, calls: 1000, errors: 9 })).toBe('healthy');
  });
});
