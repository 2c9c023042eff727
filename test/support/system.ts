// Helpers for system tests: the running app's URL, a direct database handle, API keys, sign-in.
import { inject } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { catchUpRollups } from '@/lib/rollups/aggregator-pass';
import { createApiKey } from '@/lib/api-keys/manage';
import { createUser } from '@/lib/users/manage';
import type { Role, Scope } from '@/lib/auth/roles';

export const baseUrl = () => inject('baseUrl');
/** host:port of the app's OTLP/gRPC receiver. */
export const otlpGrpcAddress = () => inject('otlpGrpcAddress');

let database: Promise<Database> | undefined;

/** The test database, opened directly (for asserting what was stored). */
export function testDatabase(): Promise<Database> {
  return (database ??= openDatabase({ url: inject('databaseUrl'), max: 2 }));
}

/**
 * Resolves once the rollups count every call stored so far. The server's aggregator adds calls up
 * about once a second (docs/ingestion.md, "Rollups"); a test that reads dashboards right after
 * ingesting runs a pass itself, as the alert evaluator does.
 */
export async function rollupsCaughtUp(): Promise<void> {
  const { db } = await testDatabase();
  if (!(await catchUpRollups(db, { timeoutMs: 20_000 })))
    throw new Error('The rollups did not catch up within 20 s: a transaction is holding them back.');
}

export async function createTestKey(scopes: Scope[], name = `test-${scopes.join('+')}`): Promise<string> {
  const { db } = await testDatabase();
  const { key } = await createApiKey(db, { name, scopes }, { id: 'test', label: 'test' });
  return key;
}

let userCounter = 0;
export async function createTestUser(role: Role): Promise<{ email: string; password: string }> {
  const { db } = await testDatabase();
  const email = `${role}-${Date.now().toString(36)}-${userCounter++}@example.test`;
  const password = 'a long test password';
  await createUser(db, { email, password, role }, { id: 'test', label: 'test' });
  return { email, password };
}

export { ADMIN } from './global-setup';
