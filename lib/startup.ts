// What the server does once when it starts: migrate, make sure the instance can be used, and
// start the background work (the rollup aggregator, webhook deliveries, the alert evaluator).
import { getDatabase, type Database } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { listenReachesUs } from '@/db/listen-check';
import { seedModelPrices } from '@/db/seed/model-prices';
import { followRollupChanges } from '@/lib/rollups/bucket-cache';
import { startCallMaintenance } from '@/lib/calls/maintenance';
import { ensureCurrentPartitions } from '@/lib/calls/partitions';
import { prepareDemo } from '@/lib/demo';
import { alertEvaluatorEnabled, demoEnabled, env, publicUrl } from '@/lib/env';
import { ensureAlertEvaluator } from '@/lib/alerts/evaluator-loop';
import { ensureOtlpGrpcServer } from '@/lib/otlp/grpc-server';
import { replicaStatus } from '@/lib/replica/replica-status';
import { ensureRollupAggregator } from '@/lib/rollups/aggregator-loop';
import { warmReadCaches } from '@/lib/rollups/warm-read-caches';
import { ensureAdminFromEnv } from '@/lib/users/manage';
import { ensureDeliveryWorker } from '@/lib/webhooks/worker';

export async function startServer(): Promise<void> {
  const database = await getDatabase();
  await migrateDatabase(database);
  await seedModelPrices(database.db);
  await ensureCurrentPartitions(database.db);
  startCallMaintenance(database.db);
  if (database.kind === 'postgres' && !(await listenReachesUs(database))) {
    throw new Error(
      `a NOTIFY sent through DATABASE_URL never reached the LISTEN on ${env.DATABASE_LISTEN_URL ? 'DATABASE_LISTEN_URL' : 'DATABASE_URL'} within 10 s. ` +
        'Behind a transaction pooler (pgbouncer pool_mode = transaction) LISTEN cannot work: set DATABASE_LISTEN_URL to a direct connection to the primary (docs/scaling.md).',
    );
  }
  await followRollupChanges(database);
  ensureRollupAggregator(database.db);
  const admin = await ensureAdminFromEnv(database.db);
  if (admin === 'created')
    console.log(`Created the admin ${env.SWITCHBOARD_ADMIN_EMAIL} from SWITCHBOARD_ADMIN_EMAIL.`);
  console.log(`Switchboard is using ${databaseDescription(database)}.`);
  if (demoEnabled()) {
    await prepareDemo(database, {
      adminFromEnv: admin !== 'not-configured',
      dataDir: env.SWITCHBOARD_DATA_DIR,
      url: new URL(publicUrl()).origin,
    });
  }
  await warmReadCaches(database);
  ensureDeliveryWorker(database.db, { baseUrl: publicUrl() });
  if (alertEvaluatorEnabled()) ensureAlertEvaluator(database.db);
  if (env.SWITCHBOARD_OTLP_GRPC_PORT !== undefined) {
    const host = env.SWITCHBOARD_OTLP_GRPC_HOST;
    const { port } = await ensureOtlpGrpcServer(env.SWITCHBOARD_OTLP_GRPC_PORT, host).catch((err: Error) => {
      throw new Error(
        `the OTLP/gRPC receiver cannot listen on ${host}:${env.SWITCHBOARD_OTLP_GRPC_PORT} (SWITCHBOARD_OTLP_GRPC_PORT): ${err.message}`,
      );
    });
    console.log(`OTLP/gRPC trace receiver listening on ${host}:${port}.`);
  }
}

/** For instrumentation.ts: a server that cannot reach or migrate its database must not serve. */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (err) {
    console.error(`\nSwitchboard could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

function databaseDescription(database: Database): string {
  if (database.kind === 'pglite') return `the embedded database in ${env.SWITCHBOARD_DATA_DIR}`;
  const parts = ['the Postgres server in DATABASE_URL'];
  if (env.DATABASE_LISTEN_URL) parts.push('LISTEN on DATABASE_LISTEN_URL');
  const replica = replicaStatus(database);
  if (replica)
    parts.push(
      replica.reachable
        ? `reads on the replica in DATABASE_READ_URL (${replica.lagSeconds} s behind)`
        : 'reads on the primary until the replica in DATABASE_READ_URL answers',
    );
  return parts.join(', ');
}
