// Times on the settings pages, formatted on the server so that the browser shows the same text.

/** "2026-03-04 02:14 UTC (6 min ago)"; `never` when there is no time. */
export function formatWhen(date: Date | null, now: number, never = 'never'): string {
  if (!date) return never;
  const absolute = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${absolute} (${formatAgo(now - date.getTime())})`;
}

function formatAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
