// Small node:http helpers: bounded JSON bodies and OpenAI-style error answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCancelledError } from '@/lib/sdk/errors';
import { sleep } from '@/lib/sdk/policies/abort';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | null,
    message: string,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** `{ error: { message, type, code, param } }`, the shape the openai client parses. */
export function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(
    res,
    err.status,
    { error: { message: err.message, type: err.type, code: err.code, param: err.param } },
    err.headers,
  );
}

export async function readJson(req: IncomingMessage, maxBytes = 8_000_000): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes)
      throw new HttpError(
        413,
        'invalid_request_error',
        'request_too_large',
        `The body is larger than ${maxBytes} bytes.`,
      );
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim())
    throw new HttpError(400, 'invalid_request_error', 'invalid_json', 'The body is empty: send a JSON object.');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(
      400,
      'invalid_request_error',
      'invalid_json',
      `The body is not valid JSON: ${(err as Error).message}`,
    );
  }
}

/**
 * Resolves after `ms`, or at once when `signal` aborts (the client went away: the caller checks).
 * The SDK's sleep, which rejects on abort and removes its listener when the timer fires.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  await sleep(ms, signal).catch((err: unknown) => {
    if (!isCancelledError(err)) throw err;
  });
}
