// The accuracy chart's line (lib/stats/rolling-score.ts): no 0↔1 swings from buckets of one call.
import { describe, expect, it } from 'vitest';
import { rollingMeanScore } from '@/lib/stats/rolling-score';

const bucket = (scoredCalls: number, meanScore: number | null = scoredCalls ? 1 : null) => ({ scoredCalls, meanScore });

describe('rollingMeanScore', () => {
  it('averages the latest buckets that hold enough scored calls, and shows nothing before', () => {
    // One scored call per bucket, alternating 1 and 0: per bucket it would swing 1, 0, 1, 0…
    const alternating = Array.from({ length: 10 }, (_, i) => bucket(1, i % 2 ? 0 : 1));
    const line = rollingMeanScore(alternating, 4);
    expect(line.slice(0, 3)).toEqual([null, null, null]);
    for (const point of line.slice(3)) expect(point).toBeCloseTo(0.5, 10);
  });

  it('drops old buckets once the newer ones hold enough, and carries over empty buckets', () => {
    const line = rollingMeanScore([bucket(10, 0.2), bucket(0), bucket(10, 0.8), bucket(0)], 10);
    expect(line[0]).toBeCloseTo(0.2, 10);
    expect(line[1]).toBeCloseTo(0.2, 10);
    expect(line[2]).toBeCloseTo(0.8, 10);
    expect(line[3]).toBeCloseTo(0.8, 10);
    expect(rollingMeanScore([bucket(3, 0.5), bucket(3, 1)], 5)[1]).toBeCloseTo(0.75, 10);
    expect(rollingMeanScore([], 5)).toEqual([]);
  });
});
