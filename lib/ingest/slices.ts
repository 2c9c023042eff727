// Ingestion's CPU work (validation, redaction, cost) on a 1,000-call batch takes ~100 ms of the
// one event loop that also serves kill-switch flips, switch reads and sign-in. Done in slices with
// a turn of the event loop between them, a flip waits for a slice (a few ms), not for the batches
// in flight (issue 12: flip → SDK p99 under saturated ingestion).

/** Calls handled between two turns of the event loop. */
const SLICE = 50;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `items.map(fn)`, yielding to the event loop every SLICE items. */
export async function mapInSlices<T, R>(items: readonly T[], fn: (item: T, index: number) => R): Promise<R[]> {
  const out: R[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % SLICE === 0) await nextTurn();
    out[i] = fn(items[i], i);
  }
  return out;
}
