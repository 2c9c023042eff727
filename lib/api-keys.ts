// Creating and revoking API keys: shared by the settings page, the CLI and the tests.
import { z } from 'zod';
import type { Db } from '@/db';
import { insertApiKey, revokeApiKey } from '@/db/queries/api-keys';
import { appendAudit, type Actor } from '@/db/queries/audit';
import { notFound } from '@/lib/api/errors';
import { generateApiKey } from '@/lib/auth/api-keys';
import { SCOPES } from '@/lib/auth/roles';

export const NewApiKeySchema = z.object({
  name: z.string().trim().min(1, 'Give the key a name.').max(100, 'Use at most 100 characters.'),
  scopes: z
    .array(z.enum(SCOPES, { message: `Each scope must be one of ${SCOPES.join(', ')}.` }))
    .min(1, 'Choose at least one scope.')
    .transform((s) => [...new Set(s)]),
});
export type NewApiKey = z.infer<typeof NewApiKeySchema>;

/** Creates a key and returns it in full: the only time it is ever shown. */
export async function createApiKey(
  db: Db,
  input: NewApiKey,
  actor: Actor & { userId?: number },
): Promise<{ id: number; key: string; prefix: string }> {
  const { key, prefix, hash } = generateApiKey();
  const { id } = await db.transaction(async (tx) => {
    const row = await insertApiKey(tx, { name: input.name, prefix, hash, scopes: input.scopes, createdBy: actor.userId ?? null });
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

export async function revokeApiKeyById(db: Db, id: number, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const key = await revokeApiKey(tx, id);
    if (!key) throw notFound(`There is no active API key with id ${id}.`);
    await appendAudit(tx, actor, {
      action: 'api_key.revoke',
      targetType: 'api_key',
      targetId: String(id),
      before: { name: key.name, prefix: key.prefix, scopes: key.scopes },
    });
  });
}
