// Which errors fall through to the next step, which are worth a retry, and what type they are
// recorded as. Reads the shapes thrown by fetch, undici, node:http and the official provider clients
// (openai's APIError: `status`, `headers`, `code`; others: `statusCode`, `response.status`).
import type { ErrorType } from '../types.ts';
import {
  isCancelledError,
  isCircuitOpenError,
  isContentFilterError,
  isInvalidOutputError,
  isTimeoutError,
} from '../errors.ts';
import { parseRetryAfter } from './retry-after.ts';

export interface Classification {
  type: ErrorType;
  /** True: try the next step. False: the request itself is wrong, another model would refuse it too. */
  fallsThrough: boolean;
  /** True: the same model may answer if asked again (429, 5xx, network). */
  retryable: boolean;
  status?: number;
  /** From `retry-after-ms` or `Retry-After` (seconds or an HTTP date), when the provider sent one. */
  retryAfterMs?: number;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

type Loose = Record<string, unknown> & { cause?: unknown; response?: Loose; error?: Loose };

function asLoose(err: unknown): Loose | undefined {
  return typeof err === 'object' && err !== null ? (err as Loose) : undefined;
}

/** The HTTP status of a provider error, from the common shapes. */
export function statusOf(err: unknown): number | undefined {
  const e = asLoose(err);
  if (!e) return undefined;
  for (const v of [e.status, e.statusCode, e.response?.status, e.response?.statusCode]) {
    if (typeof v === 'number' && v >= 100 && v < 600) return v;
  }
  return undefined;
}

function header(headers: unknown, name: string): string | undefined {
  const h = asLoose(headers);
  if (!h) return undefined;
  if (typeof h.get === 'function') return (h.get as (n: string) => string | null)(name) ?? undefined;
  for (const key of Object.keys(h)) {
    if (key.toLowerCase() === name) {
      const v = h[key];
      return Array.isArray(v) ? String(v[0]) : v == null ? undefined : String(v);
    }
  }
  return undefined;
}

/** How long the provider asked us to wait, in ms (`retry-after-ms`, else `Retry-After`); undefined when it did not say. */
export function retryAfterMs(err: unknown, now = Date.now()): number | undefined {
  const e = asLoose(err);
  if (!e) return undefined;
  const headers = e.headers ?? e.response?.headers;
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  return parseRetryAfter(header(headers, 'retry-after'), now) ?? undefined;
}

function codeOf(e: Loose | undefined): string | undefined {
  const code = e?.code ?? e?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

function isContentFilter(e: Loose | undefined): boolean {
  return (
    codeOf(e) === 'content_filter' ||
    codeOf(e) === 'content_policy_violation' ||
    e?.name === 'ContentFilterFinishReasonError'
  );
}

function networkOrTimeout(e: Loose | undefined): 'network' | 'timeout' | undefined {
  for (let cur = e, depth = 0; cur && depth < 4; cur = asLoose(cur.cause), depth++) {
    const code = codeOf(cur);
    if (code && TIMEOUT_CODES.has(code)) return 'timeout';
    if (code && NETWORK_CODES.has(code)) return 'network';
    if (cur.name === 'TimeoutError' || cur.name === 'APIConnectionTimeoutError') return 'timeout';
    if (cur.name === 'APIConnectionError' || cur.name === 'FetchError') return 'network';
    // fetch() rejects with `TypeError: fetch failed` (undici) or `Failed to fetch` / `NetworkError`.
    if (cur.name === 'TypeError' && /fetch|network/i.test(String(cur.message))) return 'network';
  }
  return undefined;
}

/** Classifies anything a step threw. Unknown errors are `other` and fall through (availability first). */
export function classifyError(err: unknown, now = Date.now()): Classification {
  if (isTimeoutError(err)) return { type: 'timeout', fallsThrough: true, retryable: false };
  if (isCancelledError(err)) return { type: 'other', fallsThrough: false, retryable: false };
  if (isCircuitOpenError(err) || isInvalidOutputError(err))
    return { type: 'other', fallsThrough: true, retryable: false };
  const e = asLoose(err);
  if (isContentFilterError(err) || isContentFilter(e)) {
    return { type: 'content_filter', fallsThrough: false, retryable: false, status: statusOf(err) };
  }
  const status = statusOf(err);
  if (status !== undefined) {
    const retryAfter = retryAfterMs(err, now);
    if (status === 429)
      return { type: 'rate_limit', fallsThrough: true, retryable: true, status, retryAfterMs: retryAfter };
    if (status >= 500)
      return { type: 'server_error', fallsThrough: true, retryable: true, status, retryAfterMs: retryAfter };
    if (status === 408)
      return { type: 'timeout', fallsThrough: true, retryable: true, status, retryAfterMs: retryAfter };
    // 409: openai documents it as a transient lock conflict; it retries it too.
    if (status === 409) return { type: 'other', fallsThrough: true, retryable: true, status, retryAfterMs: retryAfter };
    if (status >= 400) return { type: 'other', fallsThrough: false, retryable: false, status };
  }
  const net = networkOrTimeout(e);
  if (net === 'timeout') return { type: 'timeout', fallsThrough: true, retryable: false };
  if (net === 'network') return { type: 'network', fallsThrough: true, retryable: true };
  return { type: 'other', fallsThrough: true, retryable: false, status };
}
