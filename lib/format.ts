// Numbers as a person should read them: units always, the precision that matters, UTC times.

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

/** Dollars with cents; sub-cent amounts with two significant digits ("$0.0042"). */
export function formatUsd(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return '–';
  if (usd === 0) return '$0.00';
  if (Math.abs(usd) < 0.0001) return '<$0.0001';
  if (Math.abs(usd) < 0.01) return `$${usd.toPrecision(2).replace(/0+$/, '')}`;
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** "02:14 UTC" (or with seconds). Always UTC so that server and browser render the same text. */
export function formatUtcTime(date: Date | string, withSeconds = false): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  const text = d.toISOString().slice(11, withSeconds ? 19 : 16);
  return `${text} UTC`;
}

/** "2026-03-04 02:14 UTC". */
export function formatUtcDateTime(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return `${d.toISOString().slice(0, 10)} ${formatUtcTime(d)}`;
}

/** "6 s ago", "4 min ago", "3 h ago", "2 d ago". */
export function formatAgo(then: Date | string | number, now: number): string {
  const t = typeof then === 'number' ? then : new Date(then).getTime();
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
