// Opens the store: a Postgres server when DATABASE_URL is set, else an embedded PGlite folder.
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { lockDataDir } from './lock';
import { clearRollupCaches } from './queries/bucket-cache';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  /**
   * A small pool of its own for the control path: switch reads and flips, the switch stream's
   * snapshot, API-key and session look-ups. Under an ingestion storm every connection of `db`
   * may be busy with a large insert, and postgres.js then queues a query behind one (pipelining):
   * a flip would wait for someone else's batch. The same handle as `db` on PGlite.
   */
  control: Db;
  kind: 'postgres' | 'pglite';
  /**
   * Subscribes to a NOTIFY channel; resolves to a function that unsubscribes. `onListen` runs each
   * time the LISTEN is in place: at first and again after a dropped connection is re-established
   * (notifications sent while it was down are lost, so that is the moment to catch up).
   */
  listen(channel: string, onMessage: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  /** Runs `fn` while holding a cluster-wide advisory lock (one process at a time). */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  url?: string;
  dataDir?: string;
  /** Pool size for a Postgres server. */
  max?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  // The rollup caches hold one database's values; this may be another one (tests, benchmarks).
  clearRollupCaches();
  return options.url ? openPostgres(options.url, options.max ?? 10) : openPglite(options.dataDir ?? '.data');
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const connect = (poolSize: number) =>
    postgres(url, { max: poolSize, onnotice: () => {}, connect_timeout: 5, idle_timeout: 60, backoff: reconnectDelaySeconds });
  const client = connect(max);
  const controlClient = connect(CONTROL_POOL_SIZE);
  return {
    db: drizzle({ client, schema }) as unknown as Db,
    control: drizzle({ client: controlClient, schema }) as unknown as Db,
    kind: 'postgres',
    async listen(channel, onMessage, onListen) {
      // postgres.js keeps a dedicated connection for LISTEN and re-listens after it drops,
      // retrying until the server is back, and calls onListen each time.
      const sub = await client.listen(channel, onMessage, onListen);
      return () => sub.unlisten();
    },
    async withLock(key, fn) {
      const conn = await client.reserve();
      try {
        await conn`select pg_advisory_lock(${key})`;
        return await fn();
      } finally {
        await conn`select pg_advisory_unlock(${key})`.catch(() => {});
        conn.release();
      }
    },
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), controlClient.end({ timeout: 5 })]);
    },
  };
}

/** Connections of the control pool: flips are rare and short, auth look-ups take a millisecond. */
const CONTROL_POOL_SIZE = 3;

/**
 * How long a pool connection that lost the server waits before it connects again. postgres.js
 * counts failures across the whole pool and waits up to 20 s by default: after a 3 s restart the
 * failures of every connection add up, and requests queued on a waiting connection hung for
 * 5–10 s after Postgres was back (the SDK's 10 s timeout fired). Capped at 1 s, the API answers
 * again within about a second of the database's return; a connection attempt to a server that is
 * down is refused at once, so trying often costs nothing.
 */
export function reconnectDelaySeconds(failures: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.1 * 2 ** failures, 1);
}

async function openPglite(dataDir: string): Promise<Database> {
  const release = lockDataDir(dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const client = await PGlite.create(`${dataDir}/pgdata`);
    const db = drizzle({ client, schema }) as unknown as Db;
    return {
      db,
      control: db,
      kind: 'pglite',
      async listen(channel, onMessage, onListen) {
        // In-process: the LISTEN cannot drop, so it is in place exactly once.
        const unlisten = await client.listen(channel, onMessage);
        onListen?.();
        return () => unlisten();
      },
      // One process owns the folder (see lock.ts), so there is no one else to exclude.
      withLock: (_key, fn) => fn(),
      async close() {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Rows of a raw `db.execute()` result, whichever driver answered. */
export function resultRows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
