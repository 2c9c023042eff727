// The HTTP side of OFREP (docs/ofrep.md): who may ask (an API key in `Authorization: Bearer` or
// `X-API-Key`, with `switches:read` or the browser scope `switches:public`), how often (a token
// bucket per key), from which browser origins (CORS), and refusals in OFREP's error shape.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { apiErrorOf, ApiError } from '@/lib/api/errors';
import { parseJsonBytes, readBody } from '@/lib/api/route';
import { getAuthSecret } from '@/lib/auth/secret';
import { requireKeyById, requireKeyFromHeader, type Principal } from '@/lib/auth/guard';
import type { Scope } from '@/lib/auth/roles';
import { env } from '@/lib/env';
import { TokenBuckets } from '@/lib/ingest/rate-limit';
import { ofrepError, type OfrepAudience, type OfrepErrorCode } from './flags';

const OFREP_SCOPES: readonly Scope[] = ['switches:read', 'switches:public'];
const MAX_BODY_BYTES = 64 * 1024;

export interface OfrepCaller {
  principal: Principal & { kind: 'key' };
  audience: OfrepAudience;
}

/** The caller's key; a key with only `switches:public` reads as a browser would. */
export async function requireOfrepCaller(request: Request): Promise<OfrepCaller> {
  const apiKey = request.headers.get('x-api-key');
  const authorization = request.headers.get('authorization') ?? (apiKey ? `Bearer ${apiKey}` : null);
  return callerOf(await requireKeyFromHeader(authorization, OFREP_SCOPES));
}

function callerOf(principal: Principal & { kind: 'key' }): OfrepCaller {
  enforceOfrepRate(principal);
  return { principal, audience: principal.scopes.includes('switches:read') ? 'server' : 'browser' };
}

const store = globalThis as unknown as { __switchboardOfrepLimiter?: TokenBuckets };

function enforceOfrepRate(key: { keyId: number; name: string }): void {
  const limiter = (store.__switchboardOfrepLimiter ??= new TokenBuckets(
    env.SWITCHBOARD_OFREP_RATE_PER_SEC,
    env.SWITCHBOARD_OFREP_BURST,
  ));
  const allowed = limiter.take(key.keyId);
  if (allowed.ok) return;
  throw new ApiError(
    429,
    'rate_limited',
    `The API key "${key.name}" evaluates more often than allowed; retry after ${allowed.retryAfterSeconds} s.`,
    undefined,
    {
      'Retry-After': String(allowed.retryAfterSeconds),
    },
  );
}

/** The evaluation context of a request body (`{ "context": { … } }`); switches take no targeting, but a bad body is refused. */
export async function readOfrepContext(request: Request): Promise<Record<string, unknown>> {
  if (!request.body) return {};
  const bytes = await readBody(request, MAX_BODY_BYTES);
  if (bytes.length === 0) return {};
  let body: unknown;
  try {
    body = parseJsonBytes(bytes);
  } catch (err) {
    throw new OfrepRefusal(400, 'PARSE_ERROR', (err as Error).message);
  }
  const context = (body as { context?: unknown } | null)?.context;
  if (
    body === null ||
    typeof body !== 'object' ||
    Array.isArray(body) ||
    (context !== undefined && (context === null || typeof context !== 'object' || Array.isArray(context)))
  ) {
    throw new OfrepRefusal(400, 'INVALID_CONTEXT', 'The body must be a JSON object { "context": { … } }.');
  }
  return (context ?? {}) as Record<string, unknown>;
}

/** A refusal with its OpenFeature error code. */
export class OfrepRefusal extends ApiError {
  constructor(
    status: number,
    readonly errorCode: OfrepErrorCode,
    message: string,
  ) {
    super(status, errorCode.toLowerCase(), message);
  }
}

/** Any error in OFREP's shape (`{ key?, errorCode, errorDetails }`), with its status and headers. */
export function ofrepErrorResponse(err: unknown, key?: string): Response {
  const { status, body, headers } = apiErrorOf(err);
  const code: OfrepErrorCode =
    err instanceof OfrepRefusal
      ? err.errorCode
      : status === 404
        ? 'FLAG_NOT_FOUND'
        : status === 400
          ? 'PARSE_ERROR'
          : 'GENERAL';
  return Response.json(ofrepError(code, body.error.message, key), { status, headers });
}

/**
 * CORS for the browser apps of SWITCHBOARD_OFREP_CORS_ORIGINS: the origin is echoed when listed
 * (any with `*`); other origins get no CORS headers, so their browsers refuse the answer.
 */
export function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin');
  const allowed = (env.SWITCHBOARD_OFREP_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
  if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, X-API-Key, Content-Type, If-None-Match',
    'Access-Control-Expose-Headers': 'ETag, Retry-After',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

/** The answer to a CORS preflight (OPTIONS). */
export function preflightResponse(request: Request): Response {
  return new Response(null, { status: 204, headers: { ...corsHeaders(request), Vary: 'Origin' } });
}

/** `handler`'s answer, or its error in OFREP's shape, with CORS headers either way. */
export async function ofrepAnswer(request: Request, handler: () => Promise<Response>, key?: string): Promise<Response> {
  let response: Response;
  try {
    response = await handler();
  } catch (err) {
    response = ofrepErrorResponse(err, key);
  }
  for (const [name, value] of Object.entries(corsHeaders(request))) response.headers.set(name, value);
  return response;
}

/**
 * The event stream's URL carries a token instead of the key (EventSource sends no headers): the
 * key's id and an HMAC of it under the server's secret. It names a key, not a session: the stream
 * checks that the key is live (and ends when it is revoked).
 */
export async function eventStreamToken(keyId: number): Promise<string> {
  return `${keyId}.${await tokenMac(keyId)}`;
}

/** The caller named by an event stream token; 401 when it is not one of ours. */
export async function requireOfrepStreamCaller(token: string | null): Promise<OfrepCaller> {
  const match = token?.match(/^(\d{1,12})\.([A-Za-z0-9_-]{43})$/);
  const expected = match ? Buffer.from(await tokenMac(Number(match[1]))) : null;
  if (!match || !expected || !timingSafeEqual(expected, Buffer.from(match[2]))) {
    throw new ApiError(
      401,
      'unauthorized',
      'The event stream token is not valid; take the URL from a bulk evaluation.',
    );
  }
  return callerOf(await requireKeyById(Number(match[1]), OFREP_SCOPES));
}

async function tokenMac(keyId: number): Promise<string> {
  return createHmac('sha256', await getAuthSecret())
    .update(`ofrep-event-stream:${keyId}`)
    .digest('base64url');
}
