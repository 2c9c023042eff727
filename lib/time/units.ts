// Durations in milliseconds, the unit of every timestamp, bucket and window in the code. A pure
// leaf: db/, components and the browser may import it (lib/sdk keeps its own: it ships alone).
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
