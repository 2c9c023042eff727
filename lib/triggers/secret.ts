// A trigger's secret: the last segment of its URL, shown once. Only its SHA-256 is stored; the
// secret is 32 random bytes, so a fast hash is enough (as for API keys).
import { randomBytes } from 'node:crypto';
import { hashApiKey } from '@/lib/api-keys/token';

const SECRET_PREFIX = 'sbt_';

export interface TriggerSecret {
  secret: string;
  hash: string;
  /** The last four characters, shown in lists. */
  hint: string;
}

export function generateTriggerSecret(): TriggerSecret {
  const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
  return { secret, hash: hashTriggerSecret(secret), hint: secret.slice(-4) };
}

/** The same SHA-256 as an API key's: one scheme for every secret shown once. */
export function hashTriggerSecret(secret: string): string {
  return hashApiKey(secret);
}

/** The URL an alerting system posts to. */
export function triggerUrl(baseUrl: string, secret: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/v1/triggers/${secret}`;
}
