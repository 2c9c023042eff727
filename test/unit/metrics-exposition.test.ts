import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKETS_SECONDS, type CallTotals } from '@/lib/metrics/collect';
import { escapeLabelValue, renderExposition } from '@/lib/metrics/exposition';

const row = (fields: Partial<CallTotals>): CallTotals => ({
  feature: 'chat',
  route: 'primary',
  okCalls: 0,
  errorCalls: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  latencySumSeconds: 0,
  latencyBuckets: LATENCY_BUCKETS_SECONDS.map(() => 0),
  ...fields,
});

describe('Prometheus exposition', () => {
  it('escapes backslash, double quote and line feed in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('renders counters per feature, a cumulative histogram summed over outcomes and routes, and switch gauges', () => {
    const text = renderExposition({
      totals: [
        row({
          okCalls: 3,
          inputTokens: 30,
          outputTokens: 6,
          costUsd: 0.5,
          latencySumSeconds: 1.5,
          latencyBuckets: [1, 1, 2, 3, 3, 3, 3, 3, 3],
        }),
        row({
          route: 'fallback',
          errorCalls: 1,
          inputTokens: 5,
          latencySumSeconds: 40,
          latencyBuckets: [0, 0, 0, 0, 0, 0, 0, 0, 1],
        }),
      ],
      switches: [
        { feature: 'chat', killed: false },
        { feature: 'odd"name', killed: true },
      ],
    });
    const lines = text.split('\n');
    expect(text.endsWith('\n')).toBe(true);
    expect(lines).toContain('# TYPE switchboard_calls_total counter');
    expect(lines).toContain('switchboard_calls_total{feature="chat",outcome="ok",route="primary"} 3');
    expect(lines).toContain('switchboard_calls_total{feature="chat",outcome="error",route="fallback"} 1');
    expect(lines).toContain('switchboard_tokens_total{feature="chat",direction="input"} 35');
    expect(lines).toContain('switchboard_tokens_total{feature="chat",direction="output"} 6');
    expect(lines).toContain('switchboard_cost_usd_total{feature="chat"} 0.5');
    expect(lines).toContain('# TYPE switchboard_call_latency_seconds histogram');
    expect(lines).toContain('switchboard_call_latency_seconds_bucket{feature="chat",le="0.1"} 1');
    expect(lines).toContain('switchboard_call_latency_seconds_bucket{feature="chat",le="60"} 4');
    expect(lines).toContain('switchboard_call_latency_seconds_bucket{feature="chat",le="+Inf"} 4');
    expect(lines).toContain('switchboard_call_latency_seconds_sum{feature="chat"} 41.5');
    expect(lines).toContain('switchboard_call_latency_seconds_count{feature="chat"} 4');
    expect(lines).toContain('switchboard_switch_killed{feature="chat"} 0');
    expect(lines).toContain('switchboard_switch_killed{feature="odd\\"name"} 1');
    // Every sample belongs to a family declared above it.
    const declared = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    for (const sample of lines.filter((l) => l && !l.startsWith('#'))) {
      expect(declared.some((name) => sample.startsWith(name))).toBe(true);
    }
  });
});
