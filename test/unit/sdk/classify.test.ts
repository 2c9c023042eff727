import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  CircuitOpenError,
  ContentFilterError,
  DeadlineExceededError,
  InvalidOutputError,
  TimeoutError,
  classifyError,
  retryAfterMs,
  statusOf,
} from '@/lib/sdk/core';
import { httpError } from '../../support/sdk-doubles';

describe('classifyError: what falls through', () => {
  it.each([
    [httpError(429), 'rate_limit', true],
    [httpError(500), 'server_error', true],
    [httpError(502), 'server_error', true],
    [httpError(503), 'server_error', true],
    [httpError(408), 'timeout', true],
    [new TimeoutError(100), 'timeout', false],
    [new DeadlineExceededError(100), 'timeout', false],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'network', true],
    [Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'network', true],
    [
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }),
      }),
      'network',
      true,
    ],
    [new TypeError('fetch failed'), 'network', true],
    [Object.assign(new Error('Connection error.'), { name: 'APIConnectionError' }), 'network', true],
    [Object.assign(new Error('Request timed out.'), { name: 'APIConnectionTimeoutError' }), 'timeout', false],
    [new InvalidOutputError('not JSON'), 'other', false],
    [new CircuitOpenError('gpt-4o'), 'other', false],
    [new Error('a bug in the wrapper'), 'other', false],
  ])('%s → %s, falls through, retryable=%s', (err, type, retryable) => {
    const c = classifyError(err);
    expect(c.type).toBe(type);
    expect(c.fallsThrough).toBe(true);
    expect(c.retryable).toBe(retryable);
  });

  it.each([400, 401, 403, 404, 422])('%i is a request error: thrown to the caller, not tried elsewhere', (status) => {
    expect(classifyError(httpError(status))).toMatchObject({
      type: 'other',
      fallsThrough: false,
      retryable: false,
      status,
    });
  });

  it('a content filter refusal does not fall through to another model', () => {
    expect(classifyError(httpError(400, {}, 'content_filter'))).toMatchObject({
      type: 'content_filter',
      fallsThrough: false,
    });
    expect(classifyError(new ContentFilterError())).toMatchObject({ type: 'content_filter', fallsThrough: false });
    expect(classifyError(Object.assign(new Error('x'), { name: 'ContentFilterFinishReasonError' })).type).toBe(
      'content_filter',
    );
  });

  it('cancellation is neither a fall-through nor a retry', () => {
    expect(classifyError(new CancelledError())).toMatchObject({ fallsThrough: false, retryable: false });
  });
});

describe('statusOf and retryAfterMs read the common shapes', () => {
  it('finds the status in status, statusCode and response.status', () => {
    expect(statusOf({ status: 429 })).toBe(429);
    expect(statusOf({ statusCode: 503 })).toBe(503);
    expect(statusOf({ response: { status: 502 } })).toBe(502);
    expect(statusOf({ status: 'nope' })).toBeUndefined();
    expect(statusOf('boom')).toBeUndefined();
  });

  it('reads Retry-After as seconds, as an HTTP date, and retry-after-ms first', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(httpError(429, { 'Retry-After': '2' }), now)).toBe(2000);
    expect(retryAfterMs(httpError(429, { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(httpError(429, { 'retry-after-ms': '150', 'retry-after': '9' }), now)).toBe(150);
    expect(retryAfterMs({ status: 429, headers: new Headers({ 'retry-after': '3' }) }, now)).toBe(3000);
    expect(retryAfterMs({ response: { status: 429, headers: { 'retry-after': '1' } } }, now)).toBe(1000);
    expect(retryAfterMs(httpError(429, { 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(httpError(429), now)).toBeUndefined();
  });

  it('puts the Retry-After into the classification of a 429 or 503', () => {
    expect(classifyError(httpError(429, { 'retry-after': '1' })).retryAfterMs).toBe(1000);
    expect(classifyError(httpError(503, { 'retry-after-ms': '20' })).retryAfterMs).toBe(20);
  });
});
