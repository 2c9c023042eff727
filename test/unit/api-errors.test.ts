// The mapping from thrown values to HTTP answers: the fuzzer found path parameters with a NUL
// byte reaching Postgres, which refuses them (22021); that is the caller's error, not ours.
import { describe, expect, it } from 'vitest';
import { ApiError, errorResponse } from '@/lib/api/errors';

const postgresError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('errorResponse', () => {
  it('answers text Postgres cannot store (NUL, untranslatable) with a JSON 400', async () => {
    for (const err of [
      postgresError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
      postgresError('22P05', 'unsupported Unicode escape sequence'),
      new Error('query failed', { cause: postgresError('22021', 'invalid byte sequence') }),
    ]) {
      const res = errorResponse(err);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: {
          code: 'invalid_request',
          message: 'The request contains a NUL byte or other text that cannot be stored.',
        },
      });
    }
  });

  it('keeps other database errors a 500 and a refused connection a 503', async () => {
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(errorResponse(postgresError('22003', 'numeric field overflow')).status).toBe(500);
    } finally {
      console.error = quiet;
    }
    expect(errorResponse(postgresError('ECONNREFUSED', 'connect ECONNREFUSED')).status).toBe(503);
    expect(errorResponse(new ApiError(404, 'not_found', 'No such feature.')).status).toBe(404);
  });
});
