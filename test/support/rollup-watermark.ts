// What the rollup watermark (db/queries/rollup-aggregator.ts) says, read with plain SQL: for
// tests and benchmarks that watch a server's own aggregator rather than run one.
import type postgres from 'postgres';

/**
 * Waits until the servers' own aggregators have counted every call committed so far (the rollup
 * watermark passes the first transaction id not yet handed out when this was called).
 */
export async function rollupsCounted(sql: postgres.Sql, timeoutMs = 30_000): Promise<void> {
  const [{ target }] = await sql<{ target: string }[]>`select pg_snapshot_xmax(pg_current_snapshot())::text as target`;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const [{ counted }] = await sql<
      { counted: boolean }[]
    >`select next_xid >= ${target}::bigint as counted from rollup_watermark`;
    if (counted) return;
    if (performance.now() > deadline)
      throw new Error(`The servers' rollup aggregators did not count the stored calls within ${timeoutMs / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
