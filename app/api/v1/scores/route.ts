import { getDb } from '@/db';
import { apiRoute, readJsonBody } from '@/lib/api/route';
import { requireKey } from '@/lib/auth/guard';
import { batchResponse } from '@/lib/ingest/batch-response';
import { withIngestSlot } from '@/lib/ingest/in-flight';
import { enforceIngestRate } from '@/lib/ingest/rate-limit';
import { ingestScores } from '@/lib/scores/ingest-scores';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Scores after the call: `{ "scores": [ { "callId", "name"?, "value" (0–1), "comment"?, "source"? } ] }`
 * with an `ingest` key (docs/scores.md). Idempotent per (callId, name): a re-send changes nothing,
 * a new value replaces the old one and becomes the call's score, which SLOs, charts and the
 * explorer see once the aggregator has moved it (about a second).
 * Answers like POST /api/v1/calls: 200 all stored, 207 some rejected (index, id, reasons; a call
 * that does not exist is one), 400 all rejected or a bad envelope, 401/403 key, 413 over 5 MB,
 * 429/503 with Retry-After. No 2xx unless the transaction committed.
 */
export const POST = apiRoute(async (request) => {
  const result = await withIngestSlot(async () => {
    enforceIngestRate(await requireKey(request, 'ingest'));
    return ingestScores(await getDb(), await readJsonBody(request, MAX_BODY_BYTES));
  });
  return batchResponse(result, 'scores');
});
