/** One of an alert's numbers as text: 4 significant digits, "—" for none. */
export function formatAlertValue(value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(+value.toPrecision(4));
  return value;
}
