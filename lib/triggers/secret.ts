// A trigger's secret: the last segment of its URL, shown once. Only its SHA-256 is stored; the
// secret is 32 random bytes, so a fast hash is enough (as for API keys).
import { createHash, randomBytes } from 'node:crypto';

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

export function hashTriggerSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The URL an alerting system posts to. */
export function triggerUrl(baseUrl: string, secret: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/v1/triggers/${secret}`;
}
