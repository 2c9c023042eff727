import { getDb } from '@/db';
import { ApiError } from '@/lib/api/errors';
import { apiRoute, readJsonBody } from '@/lib/api/route';
import { requireKey } from '@/lib/auth/guard';
import { ingestCalls, type IngestResult } from '@/lib/ingest/ingest-calls';
import { ingestRateLimiter } from '@/lib/ingest/rate-limit';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Ingests a batch `{ "calls": [ … ] }` with an API key that has the `ingest` scope.
 *
 * The status says what was stored, and the body is always `{ accepted, duplicates, rejected }`:
 * - 200: every call is stored (new ones count as accepted, re-sent ids as duplicates).
 * - 207: some calls were invalid and are listed in `rejected` (index, id, reasons); all the
 *   others are stored. Invalid calls will never be stored, so do not retry them.
 * - 400: every call was invalid; nothing was stored (the body also has `error`).
 * Errors: 400 unreadable body or envelope, 401/403 key, 413 over 5 MB, 429 over the key's rate
 * (Retry-After), 503 database unavailable (Retry-After). No 2xx unless the transaction committed.
 */
export const POST = apiRoute(async (request) => {
  const receivedAt = new Date();
  const key = await requireKey(request, 'ingest');
  const allowed = ingestRateLimiter().take(key.keyId);
  if (!allowed.ok) {
    throw new ApiError(429, 'rate_limited', `The API key "${key.name}" sends more requests than allowed; retry after ${allowed.retryAfterSeconds} s.`, undefined, {
      'Retry-After': String(allowed.retryAfterSeconds),
    });
  }
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  const result = await ingestCalls(await getDb(), body, { receivedAt });
  return Response.json(responseBody(result), { status: statusOf(result) });
});

function statusOf(result: IngestResult): number {
  if (result.rejected.length === 0) return 200;
  return result.accepted + result.duplicates > 0 ? 207 : 400;
}

function responseBody(result: IngestResult) {
  if (statusOf(result) !== 400) return result;
  return {
    error: { code: 'invalid_calls', message: `No call was stored: all ${result.rejected.length} calls are invalid (see rejected).` },
    ...result,
  };
}
