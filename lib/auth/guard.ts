// The one guard every route handler and server action goes through: who is asking, and may they.
import { getControlDb } from '@/db';
import type { Db } from '@/db';
import { findActiveApiKeyByHash, findActiveApiKeyById, touchApiKey, type ApiKeyRow } from '@/db/queries/api-keys';
import type { Actor } from '@/db/queries/audit';
import { ApiError, forbidden, unauthorized } from '@/lib/api/errors';
import { bearerToken, hashApiKey } from '@/lib/api-keys/token';
import { getCurrentUser, type CurrentUser } from './current-user';
import { roleAllows, type Role, type Scope } from './roles';
import { assertSameOrigin } from './same-origin';

export type Principal =
  { kind: 'user'; user: CurrentUser } | { kind: 'key'; keyId: number; name: string; scopes: Scope[] };

export function actorOf(principal: Principal): Actor {
  return principal.kind === 'user'
    ? { id: `user:${principal.user.id}`, label: principal.user.email }
    : { id: `key:${principal.keyId}`, label: `key ${principal.name}` };
}

/** A signed-in user with at least `role`; throws 401/403 otherwise. */
export async function requireUser(role: Role = 'viewer'): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw unauthorized('Sign in first.');
  if (!roleAllows(user.role, role)) throw forbidden(`This needs the ${role} role; you are ${user.role}.`);
  return user;
}

const lastTouched = new Map<number, number>();

/** The API key in the Authorization header, which must carry `scope`; throws 401/403 otherwise. */
export async function requireKey(request: Request, scope: Scope): Promise<Principal & { kind: 'key' }> {
  return requireKeyFromHeader(request.headers.get('authorization'), scope);
}

/**
 * The same, from an `Authorization` value carried elsewhere (gRPC metadata, OFREP's X-API-Key);
 * the key must carry `scope`, or one of several.
 */
export async function requireKeyFromHeader(
  authorization: string | null,
  scope: Scope | readonly Scope[],
): Promise<Principal & { kind: 'key' }> {
  const token = bearerToken(authorization);
  if (!token) throw unauthorized();
  const db = await getControlDb();
  return keyPrincipal(db, await findActiveApiKeyByHash(db, hashApiKey(token)), scope);
}

/** A key named by its id (a signed token stood in for it, as in an EventSource URL), live and with `scope`. */
export async function requireKeyById(
  id: number,
  scope: Scope | readonly Scope[],
): Promise<Principal & { kind: 'key' }> {
  const db = await getControlDb();
  return keyPrincipal(db, await findActiveApiKeyById(db, id), scope);
}

async function keyPrincipal(
  db: Db,
  key: ApiKeyRow | undefined,
  scope: Scope | readonly Scope[],
): Promise<Principal & { kind: 'key' }> {
  if (!key) throw new ApiError(401, 'unauthorized', 'The API key is not valid or has been revoked.');
  const accepted: readonly Scope[] = typeof scope === 'string' ? [scope] : scope;
  if (!accepted.some((s) => key.scopes.includes(s))) {
    throw forbidden(`The API key "${key.name}" lacks the ${accepted.map((s) => `"${s}"`).join(' or ')} scope.`);
  }
  // Record use at most once a minute per key, off the request's critical path.
  const now = Date.now();
  if ((lastTouched.get(key.id) ?? 0) < now - 60_000) {
    lastTouched.set(key.id, now);
    touchApiKey(db, key.id).catch(() => lastTouched.delete(key.id));
  }
  return { kind: 'key', keyId: key.id, name: key.name, scopes: key.scopes };
}

/**
 * For endpoints used both by API clients and by the signed-in dashboard (reads): a Bearer key
 * with `scope`, or else a session with `role`.
 */
export async function requireKeyOrUser(request: Request, scope: Scope, role: Role = 'viewer'): Promise<Principal> {
  if (request.headers.get('authorization')) return requireKey(request, scope);
  // The session cookie rides along on cross-site requests too: mutations must come from this site.
  assertSameOrigin(request);
  const user = await getCurrentUser();
  if (!user) throw unauthorized();
  if (!roleAllows(user.role, role)) throw forbidden(`This needs the ${role} role; you are ${user.role}.`);
  return { kind: 'user', user };
}
