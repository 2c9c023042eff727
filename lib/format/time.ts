// Times as people on call read them: absolute in UTC (the same on server and client, so pages
// hydrate without mismatch) with a relative hint.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const toDate = (date: Date | string | number) => (date instanceof Date ? date : new Date(date));

/** "Jun 3, 02:14 UTC"; with `seconds`, "Jun 3, 02:14:05 UTC". */
export function formatUtc(date: Date | string, { seconds = false } = {}): string {
  const d = toDate(date);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${formatUtcTime(d, seconds)}`;
}

/** "02:14 UTC" (or "02:14:05 UTC"). */
export function formatUtcTime(date: Date | string, withSeconds = false): string {
  const d = toDate(date);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ''} UTC`;
}

/** "2026-03-04 02:14 UTC". */
export function formatUtcDateTime(date: Date | string): string {
  return `${toDate(date).toISOString().slice(0, 10)} ${formatUtcTime(date)}`;
}

/** How far ahead of the browser's clock a server's time may be and still read "just now". */
const CLOCK_SKEW_MS = 5_000;

/**
 * "just now" (or "6 s ago" with `seconds`), "6 min ago", "3 h ago", "12 d ago", and "in …" for
 * the future. Times up to a few seconds ahead are "just now" (the server's clock runs a little ahead
 * of the browser's), never "in 0 s".
 */
export function formatRelative(date: Date | string | number, now: number, { seconds = false } = {}): string {
  const ms = now - toDate(date).getTime();
  if (ms > -CLOCK_SKEW_MS && ms < 500) return 'just now';
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < (seconds ? 60 : 45)) return seconds ? (ms >= 0 ? `${s} s ago` : `in ${s} s`) : 'just now';
  const [value, unit] =
    s < 3_600
      ? [Math.max(1, Math.round(s / 60)), 'min']
      : s < 86_400
        ? [Math.round(s / 3_600), 'h']
        : [Math.round(s / 86_400), 'd'];
  return ms >= 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

/** "2026-03-04 02:14 UTC (6 min ago)" — without `now`, the absolute time alone; `never` for none. */
export function formatWhen(date: Date | null | undefined, now?: number, never = 'never'): string {
  if (!date) return never;
  const absolute = formatUtcDateTime(date);
  return now === undefined ? absolute : `${absolute} (${formatRelative(date, now)})`;
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": how long something lasted. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 1_440) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${Math.floor(minutes / 1_440)} d ${Math.floor((minutes % 1_440) / 60)} h`;
}
