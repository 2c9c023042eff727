// A small seeded random source, so the demo month is the same on every machine and every run.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T;
  /** Standard normal. */
  normal(): number;
  /** Lognormal with the given median and log-space sigma. */
  lognormal(median: number, sigma: number): number;
  /** Approximately Poisson-distributed count with mean `lambda`. */
  count(lambda: number): number;
  /** A version-4-shaped UUID drawn from this source. */
  uuid(): string;
}

/** mulberry32: 32-bit state, fast, good enough for synthetic traffic (not for secrets). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const word = () => (Math.floor(next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted(pairs) {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, weight] of pairs) {
        r -= weight;
        if (r < 0) return value;
      }
      return pairs[pairs.length - 1][0];
    },
    normal,
    lognormal: (median, sigma) => median * Math.exp(sigma * normal()),
    count(lambda) {
      if (lambda <= 0) return 0;
      if (lambda < 30) {
        // Knuth's method: exact for small means.
        const limit = Math.exp(-lambda);
        let k = 0;
        for (let p = next(); p > limit; p *= next()) k++;
        return k;
      }
      return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
    },
    uuid() {
      const h = word() + word() + word() + word();
      const variant = '89ab'[parseInt(h[16], 16) & 3];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
