// Global setup of the system suite's smoke subset behind a transaction pooler (issue 13): a
// private Postgres cluster, Debian's pgbouncer in front of it in pool_mode = transaction, and the
// built app whose DATABASE_URL goes through pgbouncer (DATABASE_LISTEN_URL direct, as docs/scaling.md
// says). The tests' own database handle (`databaseUrl`) goes through pgbouncer too.
import type { TestProject } from 'vitest/node';
import { startAppServer } from '../../support/app-server';
import { ADMIN } from '../../support/global-setup';
import { startPgBouncer } from './pgbouncer';
import { startPrivatePostgres } from './private-postgres';

export default async function setup(project: TestProject) {
  const cluster = await startPrivatePostgres();
  const directUrl = await cluster.createDatabase('switchboard_smoke');
  const pgbouncer = await startPgBouncer({ target: { host: '127.0.0.1', port: cluster.port } });
  const pooledUrl = pgbouncer.urlFor(directUrl);
  let app;
  try {
    app = await startAppServer(pooledUrl, {
      DATABASE_LISTEN_URL: directUrl,
      SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
      SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
      SWITCHBOARD_ALERT_EVALUATOR: '0',
    });
  } catch (err) {
    await pgbouncer.stop();
    cluster.destroy();
    throw err;
  }
  project.provide('baseUrl', app.url);
  project.provide('databaseUrl', pooledUrl);
  project.provide('appPid', app.pid);

  return async () => {
    await app.stop();
    if (process.env.SWITCHBOARD_TEST_SERVER_LOG) console.log(app.output(), pgbouncer.log());
    await pgbouncer.stop();
    cluster.destroy();
  };
}
