// Numbers as a person should read them: units always, the precision that matters.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return integer.format(n);
}

/** 0.0037 → "0.37%": never "0%" for a non-zero share, never "100%" for less than all. */
export function formatPercent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '–';
  if (share === 0) return '0%';
  if (share === 1) return '100%';
  const pct = share * 100;
  if (pct < 0.01) return '<0.01%';
  if (pct > 99.99) return '>99.99%';
  const digits = pct < 1 || pct > 99 ? 2 : pct < 10 ? 1 : 0;
  return `${pct.toFixed(digits)}%`;
}

/** 840 → "840 ms", 1240 → "1.24 s", 31000 → "31.0 s". */
export function formatLatency(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${s < 10 ? s.toFixed(2) : s < 100 ? s.toFixed(1) : integer.format(Math.round(s))} s`;
}

/**
 * A latency percentile read from the rollups' log histogram (within about 5 %): two significant
 * figures, since a third would claim a precision it does not have. 843 → "840 ms", 6,740 → "6.7 s".
 */
export function formatLatencyEstimate(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  const rounded = ms < 10 ? Math.round(ms) : Number(ms.toPrecision(2));
  if (rounded < 1000) return `${rounded} ms`;
  const seconds = Number((ms / 1000).toPrecision(2));
  return `${seconds < 1000 ? seconds : integer.format(seconds)} s`;
}

/** Dollars with cents; sub-cent amounts with two significant digits ("$0.0042"). */
export function formatUsd(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return '–';
  if (usd === 0) return '$0.00';
  if (Math.abs(usd) < 0.0001) return '<$0.0001';
  if (Math.abs(usd) < 0.01) return `$${usd.toPrecision(2).replace(/0+$/, '')}`;
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
