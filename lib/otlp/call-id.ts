// A span's call id: derived from traceId + spanId, so an exporter that re-sends a span (retries
// after a timeout) stores it once through the ordinary id-based idempotency of ingestion.
import { createHash } from 'node:crypto';

/** SHA-256 of "traceId:spanId" in the UUID version 8 (custom) layout, RFC 9562. */
export function spanCallId(traceId: string, spanId: string): string {
  const bytes = createHash('sha256')
    .update(`${traceId.toLowerCase()}:${spanId.toLowerCase()}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
