// API keys: long random secrets shown once; only their SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'sb_';

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = KEY_PREFIX + randomBytes(24).toString('base64url');
  return { key, prefix: key.slice(0, 10), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The key from `Authorization: Bearer <key>`, or null when the header is absent or malformed. */
export function bearerToken(header: string | null): string | null {
  const match = header?.match(/^Bearer\s+(\S{1,200})\s*$/i);
  return match ? match[1] : null;
}
