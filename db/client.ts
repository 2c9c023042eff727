// Opens the store: a Postgres server when DATABASE_URL is set, else an embedded PGlite folder.
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Sql } from 'postgres';
import { exponentialBackoff } from '@/lib/sdk/policies/backoff';
import * as schema from './schema';
import { lockDataDir } from './lock';
import { runDatabaseOpenHooks } from './on-open';
import { registerLaggingHandle, ReplicaMonitor } from './replica';

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
  /**
   * The read replica (DATABASE_READ_URL) and how far it lags, when there is one: dashboards and
   * read APIs read there while it keeps up (readDb in db/index.ts). Null without a replica.
   */
  replica: { db: Db; monitor: ReplicaMonitor } | null;
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
  /** A hot standby of `url` for reads that may lag (DATABASE_READ_URL). */
  readUrl?: string;
  /** A direct connection (no transaction pooler) to the primary for LISTEN (DATABASE_LISTEN_URL). */
  listenUrl?: string;
  dataDir?: string;
  /** Pool size for a Postgres server. */
  max?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  // The rollup caches hold one database's values; this may be another one (tests, benchmarks).
  runDatabaseOpenHooks();
  if (!options.url) return openPglite(options.dataDir ?? '.data');
  return openPostgres(options.url, { max: options.max ?? 10, readUrl: options.readUrl, listenUrl: options.listenUrl });
}

/**
 * Every connection works through a transaction pooler (pgbouncer, pool_mode = transaction): no
 * session state, no named prepared statements (drizzle prepares none; `prepare: false` covers
 * postgres.js's own COMMIT and raw queries), no pipelining, advisory locks scoped to a
 * transaction. LISTEN is the exception: it needs a session of its own, so it goes to `listenUrl`
 * when that is given (docs/scaling.md).
 */
async function openPostgres(
  url: string,
  options: { max: number; readUrl?: string; listenUrl?: string },
): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  // Each pool names itself (pg_stat_activity.application_name) unless the URL sets a name.
  const connect = (target: string, poolSize: number, name: string) =>
    postgres(target, {
      max: poolSize,
      prepare: false,
      onnotice: () => {},
      connect_timeout: 5,
      idle_timeout: 60,
      backoff: reconnectDelaySeconds,
      connection: { application_name: name },
    });
  const client = withoutPipelining(connect(url, options.max, 'switchboard'));
  const controlClient = withoutPipelining(connect(url, CONTROL_POOL_SIZE, 'switchboard-control'));
  const listenClient = options.listenUrl ? connect(options.listenUrl, 1, 'switchboard-listen') : client;
  const readClient = options.readUrl
    ? withoutPipelining(connect(options.readUrl, options.max, 'switchboard-read'))
    : null;
  let replica: Database['replica'] = null;
  if (readClient) {
    const monitor = new ReplicaMonitor(controlClient, readClient);
    const readDb = drizzle({ client: readClient, schema }) as unknown as Db;
    registerLaggingHandle(readDb, () => monitor.freshAsOf());
    replica = { db: readDb, monitor };
    await monitor.start();
  }
  const clients = [
    client,
    controlClient,
    ...(listenClient === client ? [] : [listenClient]),
    ...(readClient ? [readClient] : []),
  ];
  return {
    db: drizzle({ client, schema }) as unknown as Db,
    control: drizzle({ client: controlClient, schema }) as unknown as Db,
    replica,
    kind: 'postgres',
    async listen(channel, onMessage, onListen) {
      // postgres.js keeps a dedicated connection for LISTEN and re-listens after it drops,
      // retrying until the server is back, and calls onListen each time.
      const sub = await listenClient.listen(channel, onMessage, onListen);
      return () => sub.unlisten();
    },
    withLock(key, fn) {
      // Held by a transaction left open while `fn` works on other connections: a pooler in
      // transaction mode keeps that transaction on one server connection, and the lock ends with it.
      return client.begin(async (tx) => {
        await tx.unsafe('select pg_advisory_xact_lock($1)', [key]);
        return fn();
      }) as Promise<Awaited<ReturnType<typeof fn>>>;
    },
    close: async () => {
      replica?.monitor.stop();
      await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
    },
  };
}

/**
 * One query at a time on each connection outside transactions. When every connection of a pool is
 * busy, postgres.js writes the next query behind a running one (pipelining); a pooler in
 * transaction mode hands the server connection on at the running query's ReadyForQuery, and the
 * answer to the query behind it went nowhere: it hung (pgbouncer: "got packet from server when not
 * linked"). A query's `onexecute` answering false tells postgres.js the connection is full until
 * that query is done; the query then waits for a free connection instead. Transactions
 * (`begin`) already send one query at a time on their own connection.
 */
function withoutPipelining(client: Sql): Sql {
  const unsafe: Sql['unsafe'] = (query, parameters, queryOptions) =>
    client.unsafe(query, parameters ?? [], { ...queryOptions, onexecute: () => false } as typeof queryOptions);
  return new Proxy(client, {
    get: (target, property, receiver) => (property === 'unsafe' ? unsafe : Reflect.get(target, property, receiver)),
  });
}

/** Connections of the control pool: flips are rare and short, auth look-ups take a millisecond. */
const CONTROL_POOL_SIZE = 3;

const reconnectBackoff = exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 1_000 });

/**
 * How long a pool connection that lost the server waits before it connects again. postgres.js
 * counts failures across the whole pool and waits up to 20 s by default: after a 3 s restart the
 * failures of every connection add up, and requests queued on a waiting connection hung for
 * 5–10 s after Postgres was back (the SDK's 10 s timeout fired). Capped at 1 s, the API answers
 * again within about a second of the database's return; a connection attempt to a server that is
 * down is refused at once, so trying often costs nothing.
 */
export function reconnectDelaySeconds(failures: number): number {
  return reconnectBackoff(failures) / 1000;
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
      replica: null,
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
