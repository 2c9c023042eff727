// NOTIFY on a channel from the caller's transaction (Postgres sends it at the commit). Channels and
// what their payloads mean belong to their listeners (ROLLUP_CHANNEL: lib/rollups/bucket-cache.ts).
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export async function notify(db: Db, channel: string, payload: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}
