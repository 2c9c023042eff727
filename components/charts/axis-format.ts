// Short tick labels for narrow axes (a phone): the tooltip carries the exact values.

/** 900 → "900ms", 1200 → "1.2s", 45000 → "45s". */
export function axisLatency(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  return `${s < 10 ? +s.toFixed(1) : Math.round(s)}s`;
}

/** 0 → "$0", 0.0036 → "$0.0036", 12.5 → "$13", 1500 → "$1.5k". */
export function axisUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 1) return `$${+usd.toPrecision(2)}`;
  if (usd < 1000) return `$${Math.round(usd)}`;
  return `$${+(usd / 1000).toFixed(1)}k`;
}

/** A share as a whole percent, negative too (an overspent budget): -0.5 → "-50%". */
export function axisPercent(share: number): string {
  return `${+(share * 100).toFixed(share > 0.99 && share < 1 ? 1 : 0)}%`;
}
