// Plain-text output for lists: aligned columns that stay readable when piped or grepped.

export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** "2026-03-04 02:14 UTC"; "never" for a missing time. */
export function formatWhen(date: Date | null | undefined, never = 'never'): string {
  if (!date) return never;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
