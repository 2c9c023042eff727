// OTLP/gRPC: opentelemetry.proto.collector.trace.v1.TraceService/Export on a port of its own
// (SWITCHBOARD_OTLP_GRPC_PORT), for exporters whose default is gRPC (Python's, Go's, Java's, the
// Collector's). The same key check, admission, mapping, redaction and idempotency as OTLP/HTTP
// (docs/otlp.md). The API key comes in the `authorization` metadata (`Bearer <key>`); the feature
// of spans that carry none in `switchboard-feature`. Compressed messages (gzip) are inflated by
// grpc-js. Refusals are gRPC status codes; shedding is RESOURCE_EXHAUSTED with a RetryInfo.
import * as grpc from '@grpc/grpc-js';
import { getDb } from '@/db';
import { apiErrorOf, badRequest } from '@/lib/api/errors';
import { requireKeyFromHeader } from '@/lib/auth/guard';
import { withIngestSlot } from '@/lib/ingest/in-flight';
import { enforceIngestRate } from '@/lib/ingest/rate-limit';
import { FEATURE_KEY_PATTERN } from '@/lib/validations/call';
import { exportResponse, ingestTraces } from './ingest-traces';
import { decodeExportTraceRequest, encodeExportTraceResponse, encodeRpcStatus, ProtobufDecodeError } from './proto';
import { errorText, grpcCodeOf } from './request';

const EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
/** The largest message taken, as for OTLP/HTTP (after inflating). */
const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

/** A request that did not decode is answered by the handler (INVALID_ARGUMENT), not by grpc-js (INTERNAL). */
type Decoded = { ok: true; body: unknown } | { ok: false; message: string };

const traceService: grpc.ServiceDefinition = {
  Export: {
    path: EXPORT_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: () => Buffer.alloc(0),
    requestDeserialize(bytes: Buffer): Decoded {
      try {
        return { ok: true, body: decodeExportTraceRequest(bytes) };
      } catch (err) {
        if (err instanceof ProtobufDecodeError) return { ok: false, message: err.message };
        throw err;
      }
    },
    responseSerialize: (bytes: Uint8Array) => Buffer.from(bytes),
    responseDeserialize: (bytes: Buffer) => bytes,
  },
};

async function exportTraces(
  call: grpc.ServerUnaryCall<Decoded, Uint8Array>,
  callback: grpc.sendUnaryData<Uint8Array>,
): Promise<void> {
  const receivedAt = new Date();
  try {
    const result = await withIngestSlot(async () => {
      enforceIngestRate(await requireKeyFromHeader(metadataValue(call.metadata, 'authorization'), 'ingest'));
      if (!call.request.ok) throw badRequest(call.request.message);
      return ingestTraces(await getDb(), call.request.body, { receivedAt, defaultFeature: featureOf(call.metadata) });
    });
    callback(null, encodeExportTraceResponse(exportResponse(result).partialSuccess));
  } catch (err) {
    callback(grpcErrorOf(err));
  }
}

function metadataValue(metadata: grpc.Metadata, name: string): string | null {
  const [value] = metadata.get(name);
  return typeof value === 'string' ? value : null;
}

function featureOf(metadata: grpc.Metadata): string | undefined {
  const feature = metadataValue(metadata, 'switchboard-feature');
  if (feature === null || feature === '') return undefined;
  if (!FEATURE_KEY_PATTERN.test(feature)) {
    throw badRequest(
      'The switchboard-feature metadata must be 1-64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit.',
    );
  }
  return feature;
}

/** An API error as a gRPC status; shedding (429, and 503 at capacity) says when to retry. */
export function grpcErrorOf(err: unknown): Partial<grpc.StatusObject> {
  const { status, body, headers } = apiErrorOf(err);
  const retryAfter = Number(headers?.['Retry-After']);
  const shed = status === 429 || body.error.code === 'overloaded';
  const code = shed ? grpc.status.RESOURCE_EXHAUSTED : grpcCodeOf(status);
  const details = errorText(body);
  const metadata = new grpc.Metadata();
  if (shed && Number.isFinite(retryAfter)) {
    metadata.set('grpc-status-details-bin', Buffer.from(encodeRpcStatus(code, details, retryAfter)));
    metadata.set('retry-after', String(retryAfter));
  }
  return { code, details, metadata };
}

/** Starts the server on `port` (0: any free port); resolves once it listens, to it and its port. */
export async function startOtlpGrpcServer(
  port: number,
  host = '0.0.0.0',
): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_MESSAGE_BYTES });
  server.addService(traceService, { Export: exportTraces });
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, actual) =>
      err ? reject(err) : resolve(actual),
    ),
  );
  return { server, port: bound };
}

const globalStore = globalThis as unknown as { __switchboardOtlpGrpc?: Promise<{ server: grpc.Server; port: number }> };

/** The process's OTLP/gRPC server, started once (kept on globalThis across module reloads). */
export function ensureOtlpGrpcServer(port: number, host: string): Promise<{ server: grpc.Server; port: number }> {
  globalStore.__switchboardOtlpGrpc ??= startOtlpGrpcServer(port, host);
  return globalStore.__switchboardOtlpGrpc;
}
