import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { resultRows, type Database } from '@/db/client';
import { defineCommand } from '../command';
import { describeStore, openCliDatabase } from '../database';
import { migrateDatabase } from '@/db/migrate';

async function appliedCount(database: Database): Promise<number> {
  try {
    const result = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    return resultRows<{ n: number }>(result)[0].n;
  } catch {
    return 0; // a fresh database has no migrations table yet
  }
}

export const migrate = defineCommand({
  path: ['migrate'],
  summary: 'Applies the database migrations in db/migrations (the server also does this when it starts).',
  help: [
    'Uses the Postgres server in DATABASE_URL, or else the embedded database in SWITCHBOARD_DATA_DIR (.data).',
    'The embedded database can be opened by one process only: stop the server before running this against it.',
  ],
  options: {},
  schema: z.object({}),
  async run() {
    const database = await openCliDatabase();
    try {
      const before = await appliedCount(database);
      await migrateDatabase(database);
      const after = await appliedCount(database);
      const applied = after - before;
      console.log(
        applied > 0
          ? `Applied ${applied} migration${applied === 1 ? '' : 's'} to ${describeStore()} (${after} in total).`
          : `${describeStore()} is up to date (${after} migrations applied).`.replace(/^t/, 'T'),
      );
    } finally {
      await database.close();
    }
  },
});
