// Proves at start that LISTEN works on the connection it uses: through a transaction pooler
// (pgbouncer, pool_mode = transaction) a LISTEN lands on a server connection that is handed to
// other clients at once, and notifications (flips, rollup changes) never arrive. Without them other
// instances' flips would reach this server's SDKs only on their next poll (docs/scaling.md).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from './client';

const CHECK_CHANNEL = 'switchboard_listen_check';

/** Sends a NOTIFY through the pool and waits for it on the LISTEN connection; false when it never came. */
export async function listenReachesUs(database: Pick<Database, 'db' | 'listen'>, timeoutMs = 10_000): Promise<boolean> {
  const nonce = randomUUID();
  let arrived!: (ok: boolean) => void;
  const outcome = new Promise<boolean>((resolve) => (arrived = resolve));
  const unlisten = await database.listen(CHECK_CHANNEL, (payload) => payload === nonce && arrived(true));
  const timer = setTimeout(() => arrived(false), timeoutMs);
  try {
    await database.db.execute(sql`select pg_notify(${CHECK_CHANNEL}, ${nonce})`);
    return await outcome;
  } finally {
    clearTimeout(timer);
    await unlisten();
  }
}
