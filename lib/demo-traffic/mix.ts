// A steady, diurnal-free mix: smooth weighted round-robin picks features in proportion to their
// weights, evenly spread (3:1 gives A A B A, not A A A B), the same sequence on every run.

export function weightedRoundRobin<T extends { weight: number }>(items: readonly T[]): () => T {
  if (!items.length || items.some((i) => !(i.weight > 0))) throw new Error('Every item needs a positive weight.');
  const total = items.reduce((sum, i) => sum + i.weight, 0);
  const current = items.map(() => 0);
  return () => {
    let best = 0;
    for (let i = 0; i < items.length; i++) {
      current[i] += items[i].weight;
      if (current[i] > current[best]) best = i;
    }
    current[best] -= total;
    return items[best];
  };
}

/** When the n-th call (from 0) is due, in ms from the start: fixed spacing, so no drift over time. */
export const dueAt = (n: number, rps: number) => (n * 1000) / rps;
