// Helpers for system tests: the running app's URL, a direct database handle, API keys, sign-in.
import { inject } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { createApiKey } from '@/lib/api-keys';
import { createUser } from '@/lib/users';
import type { Role, Scope } from '@/lib/auth/roles';

export const baseUrl = () => inject('baseUrl');

let database: Promise<Database> | undefined;

/** The test database, opened directly (for asserting what was stored). */
export function testDatabase(): Promise<Database> {
  return (database ??= openDatabase({ url: inject('databaseUrl'), max: 2 }));
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
