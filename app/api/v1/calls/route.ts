import { getDb, getReadDb } from '@/db';
import { isStatementTimeout, listCalls, TEXT_SEARCH_TIMEOUT_MS } from '@/db/queries/calls-list';
import { ApiError } from '@/lib/api/errors';
import { apiRoute, parseQuery, readJsonBody } from '@/lib/api/route';
import { requireKey, requireKeyOrUser } from '@/lib/auth/guard';
import { exportCalls, exportFilename } from '@/lib/calls/export';
import { callSummaryView } from '@/lib/ingest/call-view';
import { CallsQuerySchema, encodeCursor, searchParamsInput } from '@/lib/validations/calls-query';
import { batchResponse } from '@/lib/ingest/batch-response';
import { ingestCalls } from '@/lib/ingest/ingest-calls';
import { withIngestSlot } from '@/lib/ingest/in-flight';
import { enforceIngestRate } from '@/lib/ingest/rate-limit';

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
 * (Retry-After), 503 database unavailable or ingestion at capacity (lib/ingest/in-flight.ts; both
 * with Retry-After). No 2xx unless the transaction committed.
 */
export const POST = apiRoute(async (request) => {
  const receivedAt = new Date();
  // Admission comes first, so a request that is shed costs no database query and no body read.
  const result = await withIngestSlot(async () => {
    enforceIngestRate(await requireKey(request, 'ingest'));
    const body = await readJsonBody(request, MAX_BODY_BYTES);
    return ingestCalls(await getDb(), body, { receivedAt });
  });
  return batchResponse(result, 'calls');
});

/**
 * Lists calls matching the filters of docs/api.md#querying-calls, newest first (a `read` key or a
 * signed-in user). JSON: `{ calls, nextCursor }`, one page of `limit` calls without bodies (a
 * `promptSnippet` instead); pass `cursor=<nextCursor>` for the next page. `format=csv` or
 * `format=ndjson` streams every matching call with its redacted bodies as a download.
 */
export const GET = apiRoute(async (request) => {
  await requireKeyOrUser(request, 'read', 'viewer');
  const { format, limit, cursor, ...filters } = parseQuery(request, CallsQuerySchema, searchParamsInput);
  const db = await getReadDb();
  try {
    if (format !== 'json') {
      const body = await exportCalls(db, filters, format, cursor);
      return new Response(body, {
        headers: {
          'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
          'Content-Disposition': `attachment; filename="${exportFilename(filters, format)}"`,
          'Cache-Control': 'no-store',
        },
      });
    }
    const page = await listCalls(db, filters, { limit, cursor, bodies: 'snippet' });
    return Response.json(
      {
        calls: page.rows.map((row) => ({ ...callSummaryView(row), promptSnippet: row.promptSnippet ?? null })),
        nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
      },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (err) {
    if (!isStatementTimeout(err)) throw err;
    throw new ApiError(
      400,
      'search_too_broad',
      `The text search ran longer than ${TEXT_SEARCH_TIMEOUT_MS / 1000} s; narrow the time range or add filters.`,
    );
  }
});
