// One reliability scenario's world: a private Postgres cluster, a database on it, the built app
// (`next start`, as CI built it) on that database — one instance or several — and API keys. As
// options, the topology of docs/scaling.md: a hot standby, a VIP in front of the primary that a
// failover moves, pgbouncer in transaction mode, reads on the standby.
import postgres from 'postgres';
import { openDatabase, type Database } from '@/db/client';
import { createApiKey } from '@/lib/api-keys/manage';
import type { Scope } from '@/lib/auth/roles';
import { startAppServer, type AppServer, type AppServerKind } from '../../support/app-server';
import { startTcpProxy, viaProxy, type TcpProxy } from '../../support/tcp-proxy';
import { startPgBouncer, type PgBouncer } from './pgbouncer';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';

export interface ScenarioOptions {
  instances?: number;
  env?: Record<string, string>;
  server?: AppServerKind;
  /** A hot standby of the cluster, in synchronous replication (no acknowledged commit is lost at a failover). */
  standby?: boolean;
  /** Everyone reaches the primary through a TCP proxy that a failover retargets, as a VIP or DNS name. */
  vip?: boolean;
  /** The apps' DATABASE_URL goes through pgbouncer (pool_mode = transaction); DATABASE_LISTEN_URL is direct. */
  pooler?: boolean;
  /** The apps' DATABASE_READ_URL is the standby (needs `standby`). */
  readReplica?: boolean;
}

export interface Scenario {
  cluster: PrivatePostgres;
  standby?: PrivatePostgres;
  vip?: TcpProxy;
  pgbouncer?: PgBouncer;
  /** What the apps use as DATABASE_URL. */
  databaseUrl: string;
  /** The primary, direct (through the VIP when there is one). */
  primaryUrl: string;
  /** The same database on the standby, when there is one. */
  standbyUrl?: string;
  apps: AppServer[];
  /** A drizzle handle for the library functions (keys, alert rounds). */
  database: Database;
  /** Plain SQL for the checks. */
  sql: postgres.Sql;
  createKey(scopes: Scope[], name: string): Promise<string>;
  /** Stops the apps and the cluster and removes it; the servers' output is printed when `failed`. */
  close(failed?: boolean): Promise<void>;
}

export async function startScenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const cluster = await startPrivatePostgres();
  const apps: AppServer[] = [];
  let standby: PrivatePostgres | undefined;
  let vip: TcpProxy | undefined;
  let pgbouncer: PgBouncer | undefined;
  let database: Database | undefined;
  let sql: postgres.Sql | undefined;
  const close = async (failed = false) => {
    if (failed)
      for (const app of apps)
        console.log(`Output of ${app.url} (last 3,000 characters):\n${app.output().slice(-3_000)}`);
    if (failed && pgbouncer) console.log(`pgbouncer's log (last 2,000 characters):\n${pgbouncer.log().slice(-2_000)}`);
    await Promise.allSettled(apps.map((a) => a.stop()));
    await Promise.allSettled([database?.close(), sql?.end({ timeout: 5 })]);
    await Promise.allSettled([pgbouncer?.stop(), vip?.close()]);
    standby?.destroy();
    cluster.destroy();
  };
  try {
    const directUrl = await cluster.createDatabase('switchboard_reliability');
    // After the database exists, so that the base backup holds it; migrations replicate.
    if (options.standby || options.readReplica) standby = await cluster.startStandby({ synchronous: true });
    if (options.vip) vip = await startTcpProxy({ host: '127.0.0.1', port: cluster.port });
    const primaryUrl = vip ? viaProxy(directUrl, vip) : directUrl;
    const standbyUrl = standby ? withPort(directUrl, standby.port) : undefined;
    if (options.pooler)
      pgbouncer = await startPgBouncer({ target: { host: '127.0.0.1', port: vip?.port ?? cluster.port } });
    const databaseUrl = pgbouncer ? pgbouncer.urlFor(primaryUrl) : primaryUrl;
    const env = {
      ...(pgbouncer ? { DATABASE_LISTEN_URL: primaryUrl } : {}),
      ...(options.readReplica ? { DATABASE_READ_URL: standbyUrl! } : {}),
      ...options.env,
    };
    // The first instance migrates; the others start on the migrated database.
    apps.push(await startInstance(databaseUrl, env, options.server));
    for (let i = 1; i < (options.instances ?? 1); i++) apps.push(await startInstance(databaseUrl, env, options.server));
    database = await openDatabase({ url: primaryUrl, max: 3 });
    sql = postgres(primaryUrl, { max: 2, onnotice: () => {} });
    const db = database.db;
    return {
      cluster,
      standby,
      vip,
      pgbouncer,
      databaseUrl,
      primaryUrl,
      standbyUrl,
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

function startInstance(
  databaseUrl: string,
  env: Record<string, string> = {},
  server?: AppServerKind,
): Promise<AppServer> {
  // The suite runs alert rounds itself, at chosen times (as the system tests do).
  return startAppServer(databaseUrl, { SWITCHBOARD_ALERT_EVALUATOR: '0', ...env }, server);
}

function withPort(url: string, port: number): string {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
}
