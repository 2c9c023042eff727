import { getDb } from '@/db';
import { apiRoute } from '@/lib/api/route';
import { requireKey } from '@/lib/auth/guard';
import { withIngestSlot } from '@/lib/ingest/in-flight';
import { enforceIngestRate } from '@/lib/ingest/rate-limit';
import { exportResponse, ingestTraces } from '@/lib/otlp/ingest-traces';
import { defaultFeatureOf, readOtlpBody, requireJsonEncoding } from '@/lib/otlp/request';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * OTLP/HTTP JSON trace receiver (point an exporter's traces endpoint here, with the header
 * `Authorization: Bearer <key with the ingest scope>`). GenAI spans are stored as calls; other
 * spans are ignored and counted.
 *
 * - 200 `{}`: every GenAI span is stored (re-sent spans are stored once).
 * - 200 `{ partialSuccess: { rejectedSpans, errorMessage } }`: some GenAI spans were invalid
 *   (not retryable) and/or non-GenAI spans were ignored; everything else is stored.
 * Errors: 400 not an ExportTraceServiceRequest, 401/403 key, 413 over 5 MB, 415 protobuf,
 * 429 over the key's rate and 503 database unavailable or ingestion at capacity (both with Retry-After).
 */
export const POST = apiRoute(async (request) => {
  const receivedAt = new Date();
  // Admission comes first, so a request that is shed costs no database query and no body read.
  const result = await withIngestSlot(async () => {
    enforceIngestRate(await requireKey(request, 'ingest'));
    requireJsonEncoding(request);
    const defaultFeature = defaultFeatureOf(request);
    const body = await readOtlpBody(request, MAX_BODY_BYTES);
    return ingestTraces(await getDb(), body, { receivedAt, defaultFeature });
  });
  return Response.json(exportResponse(result));
});
