import { getDb } from '@/db';
import { requireKey } from '@/lib/auth/guard';
import { withIngestSlot } from '@/lib/ingest/in-flight';
import { enforceIngestRate } from '@/lib/ingest/rate-limit';
import { exportResponse, ingestTraces } from '@/lib/otlp/ingest-traces';
import {
  defaultFeatureOf,
  otlpEncodingOf,
  otlpErrorResponse,
  otlpResponse,
  readOtlpBody,
  type OtlpEncoding,
} from '@/lib/otlp/request';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * OTLP/HTTP trace receiver, binary protobuf (`application/x-protobuf`) or JSON, either optionally
 * gzip-compressed (point an exporter's traces endpoint here, with the header `Authorization:
 * Bearer <key with the ingest scope>`). GenAI spans are stored as calls; other spans are ignored
 * and counted. Answers are in the request's encoding (docs/otlp.md).
 *
 * - 200, an empty ExportTraceServiceResponse: every GenAI span is stored (re-sent spans once).
 * - 200 with `partialSuccess { rejectedSpans, errorMessage }`: some GenAI spans were invalid (not
 *   retryable) and/or non-GenAI spans were ignored; everything else is stored.
 * Errors (a google.rpc.Status for protobuf, the API's JSON error for JSON): 400 not an
 * ExportTraceServiceRequest (do not retry), 401/403 key, 413 over 5 MB (inflated), 415 another
 * content type, 429 over the key's rate and 503 database unavailable or ingestion at capacity
 * (both with Retry-After).
 */
export async function POST(request: Request): Promise<Response> {
  const receivedAt = new Date();
  let encoding: OtlpEncoding = 'json';
  try {
    encoding = otlpEncodingOf(request);
    // Admission comes first, so a request that is shed costs no database query and no body read.
    const result = await withIngestSlot(async () => {
      enforceIngestRate(await requireKey(request, 'ingest'));
      const defaultFeature = defaultFeatureOf(request);
      const body = await readOtlpBody(request, encoding, MAX_BODY_BYTES);
      return ingestTraces(await getDb(), body, { receivedAt, defaultFeature });
    });
    return otlpResponse(exportResponse(result), encoding);
  } catch (err) {
    return otlpErrorResponse(err, encoding);
  }
}
