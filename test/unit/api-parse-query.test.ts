import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/route';

const Schema = z.object({
  limit: z.coerce.number().int().min(1).default(10),
  tag: z.union([z.string(), z.array(z.string())]).optional(),
});
const request = (query: string) => new Request(`http://localhost/api/v1/things${query}`);

describe('parseQuery', () => {
  it('returns the parsed parameters, defaults filled in', () => {
    expect(parseQuery(request('?limit=5'), Schema)).toEqual({ limit: 5 });
    expect(parseQuery(request(''), Schema)).toEqual({ limit: 10 });
  });

  it('refuses parameters that do not fit with a 400 naming the fields', () => {
    const error = (() => {
      try {
        parseQuery(request('?limit=0'), Schema);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: 'The query parameters are not valid.',
    });
    expect(Object.keys((error as ApiError).fieldErrors ?? {})).toEqual(['limit']);
  });

  it('reads a repeated parameter through `read`', () => {
    const all = (params: URLSearchParams) => ({ tag: params.getAll('tag') });
    expect(parseQuery(request('?tag=a&tag=b'), Schema, all)).toEqual({ limit: 10, tag: ['a', 'b'] });
    expect(parseQuery(request('?tag=a&tag=b'), Schema)).toEqual({ limit: 10, tag: 'b' });
  });
});
