// The CLI's own database handle (never the server's singleton): opened on the configured store,
// migrated, and closed when the command ends.
import os from 'node:os';
import { openDatabase, type Database } from '@/db/client';
import type { Actor } from '@/db/queries/audit';
import { migrateDatabase } from '@/db/migrate';
import { env } from '@/lib/env';

/** "the Postgres server at 127.0.0.1:5432/switchboard" or "the embedded database in .data". */
export function describeStore(): string {
  if (!env.DATABASE_URL) return `the embedded database in ${env.SWITCHBOARD_DATA_DIR}`;
  const url = new URL(env.DATABASE_URL);
  return `the Postgres server at ${url.host}${url.pathname}`;
}

export async function openCliDatabase(): Promise<Database> {
  return openDatabase({ url: env.DATABASE_URL, dataDir: env.SWITCHBOARD_DATA_DIR, max: 2 });
}

/** Runs `fn` on a migrated database, closing it afterwards whatever happens. */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openCliDatabase();
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** The audit log's actor for CLI actions: "cli (alice@build-host)". */
export function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry for this uid (some containers)
  }
  return { id: 'cli', label: `cli (${user}@${os.hostname()})` };
}
