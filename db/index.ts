// The process-wide database handle. Opened lazily (so `next build` never opens it) and kept on
// globalThis so that Next's module reloading never opens a second PGlite on the same folder.
import { env } from '@/lib/env';
import { openDatabase, type Database, type Db } from './client';

export type { Database, Db } from './client';

const globalStore = globalThis as unknown as { __switchboardDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  if (!globalStore.__switchboardDatabase) {
    const opening = openDatabase({
      url: env.DATABASE_URL,
      readUrl: env.DATABASE_READ_URL,
      listenUrl: env.DATABASE_LISTEN_URL,
      dataDir: env.SWITCHBOARD_DATA_DIR,
    });
    globalStore.__switchboardDatabase = opening;
    opening.catch(() => {
      if (globalStore.__switchboardDatabase === opening) globalStore.__switchboardDatabase = undefined;
    });
  }
  return globalStore.__switchboardDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** The control path's pool (see Database.control): switches, their stream, auth look-ups. */
export async function getControlDb(): Promise<Db> {
  return (await getDatabase()).control;
}

/**
 * For reads that may lag by seconds (dashboards, read APIs, exports, metrics): the replica at
 * DATABASE_READ_URL while it answers and is at most SWITCHBOARD_READ_MAX_LAG_SECONDS behind, else
 * the primary. Writes, flips, auth, the alert evaluator and anything that reads its own write use
 * getDb() or getControlDb().
 */
export async function getReadDb(): Promise<Db> {
  return readDbOf(await getDatabase());
}

export function readDbOf(database: Database, now = Date.now()): Db {
  const { replica } = database;
  if (!replica) return database.db;
  const { reachable, lagMs } = replica.monitor.state(now);
  return reachable && lagMs !== null && lagMs <= env.SWITCHBOARD_READ_MAX_LAG_SECONDS * 1000 ? replica.db : database.db;
}
