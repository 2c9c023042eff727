import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { grpcErrorOf } from '@/lib/otlp/grpc-server';
import { decodeRpcStatus } from '@/lib/otlp/proto';

describe('gRPC refusals of the OTLP receiver', () => {
  it('sheds with RESOURCE_EXHAUSTED and a RetryInfo in grpc-status-details-bin', () => {
    for (const err of [
      new ApiError(503, 'overloaded', 'Ingestion is at capacity; retry after 1 s.', undefined, { 'Retry-After': '1' }),
      new ApiError(429, 'rate_limited', 'Too many requests; retry after 3 s.', undefined, { 'Retry-After': '3' }),
    ]) {
      const status = grpcErrorOf(err);
      expect(status.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      const [details] = status.metadata!.get('grpc-status-details-bin') as Buffer[];
      const decoded = decodeRpcStatus(details) as { code?: number; details?: { typeUrl: string }[] };
      expect(decoded.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect(decoded.details?.[0].typeUrl).toBe('type.googleapis.com/google.rpc.RetryInfo');
    }
  });

  it('maps the other refusals to the codes OTLP exporters act on', () => {
    const codeOf = (err: unknown) => grpcErrorOf(err).code;
    expect(codeOf(new ApiError(400, 'invalid_request', 'bad', { 'resourceSpans.0': ['is wrong'] }))).toBe(
      grpc.status.INVALID_ARGUMENT,
    );
    expect(grpcErrorOf(new ApiError(400, 'invalid_request', 'bad', { 'resourceSpans.0': ['is wrong'] })).details).toBe(
      'bad (resourceSpans.0: is wrong)',
    );
    expect(codeOf(new ApiError(401, 'unauthorized', 'no key'))).toBe(grpc.status.UNAUTHENTICATED);
    expect(codeOf(new ApiError(403, 'forbidden', 'scope'))).toBe(grpc.status.PERMISSION_DENIED);
    // The database being away is retryable without a hint: UNAVAILABLE.
    expect(codeOf(new ApiError(503, 'unavailable', 'database', undefined, { 'Retry-After': '5' }))).toBe(
      grpc.status.UNAVAILABLE,
    );
  });
});
