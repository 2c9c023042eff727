// The accuracy chart's line: a mean score per bucket swings between 0 and 1 when a 15-minute bucket
// holds one or two scored calls. Each point instead averages the latest buckets up to it that
// hold at least `minScored` scored calls together; before there are that many, no point.

export interface ScoredBucket {
  scoredCalls: number;
  /** Mean score of the bucket's scored calls; null without any. */
  meanScore: number | null;
}

/** At least this many scored calls stand behind every point of the accuracy chart. */
export const MIN_SCORED_PER_POINT = 10;

export function rollingMeanScore(
  buckets: readonly ScoredBucket[],
  minScored = MIN_SCORED_PER_POINT,
): (number | null)[] {
  const out: (number | null)[] = [];
  let from = 0;
  let scored = 0;
  let sum = 0;
  for (let i = 0; i < buckets.length; i++) {
    scored += buckets[i].scoredCalls;
    sum += (buckets[i].meanScore ?? 0) * buckets[i].scoredCalls;
    // Drop the oldest buckets while the rest still hold enough.
    while (from < i && scored - buckets[from].scoredCalls >= minScored) {
      scored -= buckets[from].scoredCalls;
      sum -= (buckets[from].meanScore ?? 0) * buckets[from].scoredCalls;
      from++;
    }
    out.push(scored >= minScored ? Math.min(1, Math.max(0, sum / scored)) : null);
  }
  return out;
}
