// HTTP details of the OTLP/HTTP receiver: the two encodings (JSON and binary protobuf), gzip
// bodies, answers and errors in the request's encoding, and the default feature from the URL.
import { ApiError, apiErrorOf, badRequest, errorResponse, type ErrorBody } from '@/lib/api/errors';
import { parseJsonBytes, readBody } from '@/lib/api/route';
import { FEATURE_KEY_PATTERN } from '@/lib/validations/call';
import { decodeExportTraceRequest, encodeExportTraceResponse, encodeRpcStatus, ProtobufDecodeError } from './proto';
import type { ExportTraceServiceResponse } from './ingest-traces';

export type OtlpEncoding = 'json' | 'protobuf';

const PROTOBUF_TYPE = 'application/x-protobuf';

/** The encoding of the body by its Content-Type: JSON (or none given) or protobuf; anything else is a 415. */
export function otlpEncodingOf(request: Request): OtlpEncoding {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === '' || type === 'application/json') return 'json';
  if (type === PROTOBUF_TYPE || type === 'application/protobuf') return 'protobuf';
  throw new ApiError(
    415,
    'unsupported_media_type',
    `Content-Type ${type} is not supported: send OTLP/HTTP as application/x-protobuf or application/json.`,
  );
}

/** The ExportTraceServiceRequest in its JSON shape, inflated when gzip-compressed, whichever the encoding. */
export async function readOtlpBody(request: Request, encoding: OtlpEncoding, maxBytes: number): Promise<unknown> {
  const decoded = decodedRequest(request);
  let bytes: Buffer;
  try {
    bytes = await readBody(decoded, maxBytes);
  } catch (err) {
    if (err instanceof ApiError || decoded === request) throw err;
    throw badRequest('The body is not valid gzip (Content-Encoding: gzip).');
  }
  if (encoding === 'protobuf') {
    try {
      return decodeExportTraceRequest(bytes);
    } catch (err) {
      if (err instanceof ProtobufDecodeError) throw badRequest(err.message);
      throw err;
    }
  }
  return parseJsonBytes(bytes);
}

/** Exporters may compress (OTEL_EXPORTER_OTLP_COMPRESSION=gzip): the body is inflated as it is read. */
function decodedRequest(request: Request): Request {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return request;
  if (encoding !== 'gzip')
    throw new ApiError(
      415,
      'unsupported_media_type',
      `Content-Encoding ${encoding} is not supported: send gzip or no compression.`,
    );
  if (!request.body) return request;
  // The declared length is the compressed one; the size limit applies to the inflated body.
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Request(request.url, {
    method: 'POST',
    headers,
    body: request.body.pipeThrough(new DecompressionStream('gzip')),
    duplex: 'half',
  } as RequestInit);
}

/** The ExportTraceServiceResponse in the request's encoding. */
export function otlpResponse(response: ExportTraceServiceResponse, encoding: OtlpEncoding): Response {
  if (encoding === 'json') return Response.json(response);
  return new Response(encodeExportTraceResponse(response.partialSuccess), {
    headers: { 'Content-Type': PROTOBUF_TYPE },
  });
}

/**
 * An error in the request's encoding: OTLP/HTTP answers a protobuf request's 4xx and 5xx with a
 * google.rpc.Status; JSON requests get the API's JSON error. Status and headers (Retry-After) are
 * the same either way.
 */
export function otlpErrorResponse(err: unknown, encoding: OtlpEncoding): Response {
  if (encoding === 'json') return errorResponse(err);
  const { status, body, headers } = apiErrorOf(err);
  return new Response(encodeRpcStatus(grpcCodeOf(status), errorText(body)), {
    status,
    headers: { ...headers, 'Content-Type': PROTOBUF_TYPE },
  });
}

/** The error's message with its field errors, for encodings that have one string for both. */
export function errorText({ error }: ErrorBody): string {
  const fields = Object.entries(error.fieldErrors ?? {}).map(([field, problems]) => `${field}: ${problems.join(', ')}`);
  return fields.length
    ? `${error.message} (${fields.slice(0, 5).join('; ')}${fields.length > 5 ? `; and ${fields.length - 5} more` : ''})`
    : error.message;
}

/** The gRPC status code of an HTTP status (the code field of google.rpc.Status). */
export function grpcCodeOf(httpStatus: number): number {
  switch (httpStatus) {
    case 400:
      return 3; // INVALID_ARGUMENT
    case 401:
      return 16; // UNAUTHENTICATED
    case 403:
      return 7; // PERMISSION_DENIED
    case 404:
      return 5; // NOT_FOUND
    case 413:
    case 429:
      return 8; // RESOURCE_EXHAUSTED
    case 503:
      return 14; // UNAVAILABLE
    default:
      return httpStatus >= 500 ? 13 : 2; // INTERNAL, UNKNOWN
  }
}

/** `?feature=…`: the feature of spans that carry no feature attribute. */
export function defaultFeatureOf(request: Request): string | undefined {
  const feature = new URL(request.url).searchParams.get('feature');
  if (feature === null || feature === '') return undefined;
  if (!FEATURE_KEY_PATTERN.test(feature)) {
    throw badRequest(
      'The feature query parameter must be 1-64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit.',
    );
  }
  return feature;
}
