// Starts the built app on a fresh Postgres database for the system tests.
import type { TestProject } from 'vitest/node';
import { startAppServer } from './app-server';
import { freePort } from './ports';
import { createTestDatabase } from './test-database';

export const ADMIN = { email: 'admin@example.test', password: 'correct horse battery' };

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    appPid: number;
    /** The app's OTLP/gRPC receiver (SWITCHBOARD_OTLP_GRPC_PORT). */
    otlpGrpcAddress: string;
    /** The origin of a browser app allowed to call OFREP (SWITCHBOARD_OFREP_CORS_ORIGINS); a test serves it. */
    widgetOrigin: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createTestDatabase();
  const grpcPort = await freePort();
  const widgetOrigin = `http://127.0.0.1:${await freePort()}`;
  const app = await startAppServer(database.url, {
    SWITCHBOARD_OTLP_GRPC_PORT: String(grpcPort),
    SWITCHBOARD_OTLP_GRPC_HOST: '127.0.0.1',
    SWITCHBOARD_OFREP_CORS_ORIGINS: widgetOrigin,
    SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
    SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
    // Tests run evaluation rounds themselves, at times they choose (lib/alerts/evaluate.ts).
    SWITCHBOARD_ALERT_EVALUATOR: '0',
  });
  project.provide('baseUrl', app.url);
  project.provide('databaseUrl', database.url);
  project.provide('appPid', app.pid);
  project.provide('otlpGrpcAddress', `127.0.0.1:${grpcPort}`);
  project.provide('widgetOrigin', widgetOrigin);

  return async () => {
    await app.stop();
    if (process.env.SWITCHBOARD_TEST_SERVER_LOG) console.log(app.output());
    await database.drop();
  };
}
