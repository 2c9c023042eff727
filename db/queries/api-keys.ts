import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { apiKeys } from '../schema';
import type { Scope } from '@/lib/auth/roles';

export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export async function insertApiKey(
  db: Db,
  values: { name: string; prefix: string; hash: string; scopes: Scope[]; createdBy?: number | null },
): Promise<{ id: number }> {
  const [row] = await db.insert(apiKeys).values(values).returning({ id: apiKeys.id });
  return row;
}

/** The live (not revoked) key with this hash. */
export async function findActiveApiKeyByHash(db: Db, hash: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)));
  return row as ApiKeyRow | undefined;
}

/** The live (not revoked) key with this id. */
export async function findActiveApiKeyById(db: Db, id: number): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  return row as ApiKeyRow | undefined;
}

export async function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return (await db.select(columns).from(apiKeys).orderBy(desc(apiKeys.createdAt))) as ApiKeyRow[];
}

/** Revokes the key; returns it as it was, or undefined when there is no live key with that id. */
export async function revokeApiKey(db: Db, id: number): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning(columns);
  return row as ApiKeyRow | undefined;
}

export async function touchApiKey(db: Db, id: number): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, id));
}

/** Which of these key ids have been revoked. */
export async function findRevokedKeyIds(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(inArray(apiKeys.id, ids), isNotNull(apiKeys.revokedAt)));
  return rows.map((r) => r.id);
}
