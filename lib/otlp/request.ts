// HTTP details of the OTLP/HTTP receiver: which encodings are accepted, gzip bodies, and the
// default feature from the endpoint URL.
import { ApiError, badRequest } from '@/lib/api/errors';
import { readJsonBody } from '@/lib/api/route';
import { FEATURE_KEY_PATTERN } from '@/lib/validations/call';

/** OTLP/HTTP JSON only; protobuf gets 415 with the setting that switches an exporter to JSON. */
export function requireJsonEncoding(request: Request): void {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === '' || type === 'application/json') return;
  const hint =
    type === 'application/x-protobuf' || type === 'application/protobuf'
      ? 'Switchboard accepts the OTLP/HTTP JSON encoding only, not protobuf: set OTEL_EXPORTER_OTLP_PROTOCOL=http/json (or OTEL_EXPORTER_OTLP_TRACES_PROTOCOL), or use the JSON exporter (@opentelemetry/exporter-trace-otlp-http).'
      : `Content-Type ${type} is not supported: send OTLP/HTTP JSON as application/json.`;
  throw new ApiError(415, 'unsupported_media_type', hint);
}

/** The JSON body, inflated when gzip-compressed; a broken gzip stream is a 400, not a 500. */
export async function readOtlpBody(request: Request, maxBytes: number): Promise<unknown> {
  const decoded = decodedRequest(request);
  try {
    return await readJsonBody(decoded, maxBytes);
  } catch (err) {
    if (err instanceof ApiError || decoded === request) throw err;
    throw badRequest('The body is not valid gzip (Content-Encoding: gzip).');
  }
}

/** Exporters may compress (OTEL_EXPORTER_OTLP_COMPRESSION=gzip): the body is inflated as it is read. */
function decodedRequest(request: Request): Request {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return request;
  if (encoding !== 'gzip') throw new ApiError(415, 'unsupported_media_type', `Content-Encoding ${encoding} is not supported: send gzip or no compression.`);
  if (!request.body) return request;
  // The declared length is the compressed one; the size limit applies to the inflated body.
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Request(request.url, { method: 'POST', headers, body: request.body.pipeThrough(new DecompressionStream('gzip')), duplex: 'half' } as RequestInit);
}

/** `?feature=…`: the feature of spans that carry no feature attribute. */
export function defaultFeatureOf(request: Request): string | undefined {
  const feature = new URL(request.url).searchParams.get('feature');
  if (feature === null || feature === '') return undefined;
  if (!FEATURE_KEY_PATTERN.test(feature)) {
    throw badRequest('The feature query parameter must be 1-64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit.');
  }
  return feature;
}
