// Applies the committed migrations in db/migrations. Safe to call from several instances at once:
// an advisory lock lets one migrate while the others wait.
import path from 'node:path';
import type { Database } from './client';

const MIGRATION_LOCK = 727_001;
export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

export async function migrateDatabase(database: Database): Promise<void> {
  await database.withLock(MIGRATION_LOCK, async () => {
    if (database.kind === 'pglite') {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(database.db as never, { migrationsFolder });
    } else {
      const { migrate } = await import('drizzle-orm/postgres-js/migrator');
      await migrate(database.db as never, { migrationsFolder });
    }
  });
}
