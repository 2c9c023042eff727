// One reliability scenario's world: a private Postgres cluster, a database on it, the built app
// (`next start`, as CI built it) on that database — one instance or several — and API keys.
import postgres from 'postgres';
import { openDatabase, type Database } from '@/db/client';
import { createApiKey } from '@/lib/api-keys';
import type { Scope } from '@/lib/auth/roles';
import { startAppServer, type AppServer, type AppServerKind } from '../../support/app-server';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';

export interface Scenario {
  cluster: PrivatePostgres;
  databaseUrl: string;
  apps: AppServer[];
  /** A drizzle handle for the library functions (keys, alert rounds). */
  database: Database;
  /** Plain SQL for the checks. */
  sql: postgres.Sql;
  createKey(scopes: Scope[], name: string): Promise<string>;
  /** Stops the apps and the cluster and removes it; the servers' output is printed when `failed`. */
  close(failed?: boolean): Promise<void>;
}

export async function startScenario(options: { instances?: number; env?: Record<string, string>; server?: AppServerKind } = {}): Promise<Scenario> {
  const cluster = await startPrivatePostgres();
  const apps: AppServer[] = [];
  let database: Database | undefined;
  let sql: postgres.Sql | undefined;
  const close = async (failed = false) => {
    if (failed) for (const app of apps) console.log(`Output of ${app.url} (last 3,000 characters):\n${app.output().slice(-3_000)}`);
    await Promise.allSettled(apps.map((a) => a.stop()));
    await Promise.allSettled([database?.close(), sql?.end({ timeout: 5 })]);
    cluster.destroy();
  };
  try {
    const databaseUrl = await cluster.createDatabase('switchboard_reliability');
    // The first instance migrates; the others start on the migrated database.
    apps.push(await startInstance(databaseUrl, options.env, options.server));
    for (let i = 1; i < (options.instances ?? 1); i++) apps.push(await startInstance(databaseUrl, options.env, options.server));
    database = await openDatabase({ url: databaseUrl, max: 3 });
    sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    const db = database.db;
    return {
      cluster,
      databaseUrl,
      apps,
      database,
      sql,
      async createKey(scopes, name) {
        return (await createApiKey(db, { name, scopes }, { id: 'reliability', label: 'reliability suite' })).key;
      },
      close,
    };
  } catch (err) {
    await close(true);
    throw err;
  }
}

function startInstance(databaseUrl: string, env: Record<string, string> = {}, server?: AppServerKind): Promise<AppServer> {
  // The suite runs alert rounds itself, at chosen times (as the system tests do).
  return startAppServer(databaseUrl, { SWITCHBOARD_ALERT_EVALUATOR: '0', ...env }, server);
}
