// Creating and revoking API keys: shared by the settings page, the CLI and the tests.
import type { Db } from '@/db';
import { insertApiKey, revokeApiKey, type ApiKeyRow } from '@/db/queries/api-keys';
import { appendAudit, type Actor } from '@/db/queries/audit';
import { notFound } from '@/lib/api/errors';
import type { NewApiKey } from '@/lib/validations/api-key';
import { keyRevoked } from './revocations';
import { generateApiKey } from './token';

/** Creates a key and returns it in full: the only time it is ever shown. */
export async function createApiKey(
  db: Db,
  input: NewApiKey,
  actor: Actor & { userId?: number },
): Promise<{ id: number; key: string; prefix: string }> {
  const { key, prefix, hash } = generateApiKey();
  const { id } = await db.transaction(async (tx) => {
    const row = await insertApiKey(tx, {
      name: input.name,
      prefix,
      hash,
      scopes: input.scopes,
      createdBy: actor.userId ?? null,
    });
    await appendAudit(tx, actor, {
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: String(row.id),
      after: { name: input.name, prefix, scopes: input.scopes },
    });
    return row;
  });
  return { id, key, prefix };
}

/** Revokes a key at once: the guard looks keys up on every request, so nothing caches it, and open streams end. */
export async function revokeApiKeyById(db: Db, id: number, actor: Actor): Promise<ApiKeyRow> {
  const revoked = await db.transaction(async (tx) => {
    const key = await revokeApiKey(tx, id);
    if (!key) throw notFound(`There is no active API key with id ${id}.`);
    await appendAudit(tx, actor, {
      action: 'api_key.revoke',
      targetType: 'api_key',
      targetId: String(id),
      before: { name: key.name, prefix: key.prefix, scopes: key.scopes },
    });
    return key;
  });
  // Streams opened with the key end now (./revocations.ts); new requests are refused.
  keyRevoked(id);
  return revoked;
}
