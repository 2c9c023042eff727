// The secret that signs session tokens: NEXTAUTH_SECRET when set, otherwise one generated on
// first start and kept in the database, so that every instance on that database agrees.
import { randomBytes } from 'node:crypto';
import { getControlDb } from '@/db';
import { getOrCreateSetting } from '@/db/queries/settings';
import { env } from '@/lib/env';

let cached: Promise<string> | undefined;

export function getAuthSecret(): Promise<string> {
  if (env.NEXTAUTH_SECRET) return Promise.resolve(env.NEXTAUTH_SECRET);
  cached ??= getControlDb()
    .then((db) => getOrCreateSetting(db, 'auth_secret', () => randomBytes(32).toString('base64url')))
    .catch((err) => {
      cached = undefined;
      throw err;
    });
  return cached;
}
