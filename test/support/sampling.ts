// Seeded random numbers (a failure can be replayed) and the exact percentile, for the tests that
// check histogram estimates.

export function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Postgres' percentile_cont over values sorted ascending. */
export function exactQuantile(sorted: number[], q: number): number {
  const r = q * (sorted.length - 1);
  const lo = Math.floor(r);
  return lo === r ? sorted[lo] : sorted[lo] + (r - lo) * (sorted[lo + 1] - sorted[lo]);
}
