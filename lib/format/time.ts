// Times as people on call read them: absolute in UTC (the same on server and client, so pages
// hydrate without mismatch) with a relative hint.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "Jun 3, 02:14 UTC"; with `seconds`, "Jun 3, 02:14:05 UTC". */
export function formatUtc(date: Date | string, { seconds = false } = {}): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${time} UTC`;
}

/** "just now", "6 min ago", "3 h ago", "12 d ago" (and "in …" for the future). */
export function formatRelative(date: Date | string, now: number): string {
  const ms = now - (typeof date === 'string' ? Date.parse(date) : date.getTime());
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 45) return 'just now';
  const [value, unit] =
    s < 3_600 ? [Math.max(1, Math.round(s / 60)), 'min'] : s < 86_400 ? [Math.round(s / 3_600), 'h'] : [Math.round(s / 86_400), 'd'];
  return ms >= 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}
