// The process-wide database handle. Opened lazily (so `next build` never opens it) and kept on
// globalThis so that Next's module reloading never opens a second PGlite on the same folder.
import { env } from '@/lib/env';
import { openDatabase, type Database, type Db } from './client';

export type { Database, Db } from './client';

const globalStore = globalThis as unknown as { __switchboardDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  if (!globalStore.__switchboardDatabase) {
    const opening = openDatabase({ url: env.DATABASE_URL, dataDir: env.SWITCHBOARD_DATA_DIR });
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
