// One error type for everything the API and server actions refuse on purpose, and one mapping
// from any thrown value to an HTTP answer.
import { type z } from 'zod';

export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const unauthorized = (message = 'Authentication required: send Authorization: Bearer <api key>.') =>
  new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);
export const badRequest = (message: string, fieldErrors?: FieldErrors) =>
  new ApiError(400, 'invalid_request', message, fieldErrors);

/** "calls.0.latencyMs: expected a number" lines, keyed by dotted path. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function validationError(error: z.ZodError, message = 'The request is not valid.'): ApiError {
  return new ApiError(400, 'invalid_request', message, zodFieldErrors(error));
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** True for errors that mean "the database is not reachable right now", not "the query is wrong". */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  }
  return false;
}

// 22021 "invalid byte sequence" (a NUL byte, which Postgres text cannot hold) and 22P05
// "untranslatable character": the request carried text the database cannot store.
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

/** True when Postgres refused a value of the request as text it cannot store (e.g. `\0` in a path). */
export function isUnstorableText(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNSTORABLE_TEXT_CODES.has(code)) return true;
  }
  return false;
}

export interface ErrorBody {
  error: { code: string; message: string; fieldErrors?: FieldErrors };
}

export function errorResponse(err: unknown): Response {
  const { status, body, headers } = apiErrorOf(err);
  return Response.json(body, { status, headers });
}

/** What an error answers: status, the JSON error body and headers (Retry-After, Connection). */
export function apiErrorOf(err: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof ApiError) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, fieldErrors: err.fieldErrors } },
      headers: err.headers,
    };
  }
  if (isDatabaseUnavailable(err)) {
    return {
      status: 503,
      body: { error: { code: 'unavailable', message: 'The database is not available; retry later.' } },
      headers: { 'Retry-After': '5' },
    };
  }
  if (isUnstorableText(err)) {
    return {
      status: 400,
      body: {
        error: {
          code: 'invalid_request',
          message: 'The request contains a NUL byte or other text that cannot be stored.',
        },
      },
    };
  }
  console.error('Unhandled error in API route:', err instanceof Error ? err.stack : err);
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error.' } } };
}
