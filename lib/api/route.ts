// Thin wrapper for route handlers: every thrown error becomes one consistent JSON answer.
import type { z } from 'zod';
import { ApiError, errorResponse, validationError } from './errors';

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export function apiRoute<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/**
 * The request's query parameters checked with `schema`; 400 with the field errors when they do not
 * fit. `read` turns the parameters into the schema's input (default: one value per name).
 */
export function parseQuery<S extends z.ZodType>(
  request: Request,
  schema: S,
  read: (params: URLSearchParams) => unknown = (params) => Object.fromEntries(params),
): z.output<S> {
  const query = schema.safeParse(read(new URL(request.url).searchParams));
  if (!query.success) throw validationError(query.error, 'The query parameters are not valid.');
  return query.data;
}

const MAX_JSON_BYTES = 8 * 1024 * 1024;

function readableSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : bytes >= 1024 ? `${bytes / 1024} KB` : `${bytes} bytes`;
}

/** The rest of the upload is left unread, so the connection must not carry another request. */
function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'too_large', `The body is larger than ${readableSize(maxBytes)}.`, undefined, {
    Connection: 'close',
  });
}

/**
 * Reads a body with a size limit. Throws ApiError 413 when it is larger than `maxBytes` and 400
 * when there is none.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const reader = request.body?.getReader();
  if (!reader) throw new ApiError(400, 'empty_body', 'The request has no body.');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a JSON body with a size limit. Throws ApiError 413 when it is larger than `maxBytes`
 * and 400 when it is not JSON.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  if (!request.body) throw new ApiError(400, 'invalid_json', 'The request has no body; send JSON.');
  return parseJsonBytes(await readBody(request, maxBytes));
}

/** A body's bytes as JSON; 400 when they are not UTF-8 or not JSON. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, 'invalid_json', `The body is not valid JSON: ${(err as Error).message}`);
  }
}
