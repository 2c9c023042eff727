// The server's fast lane for the switch stream: `GET /api/v1/switches/stream` with an API key
// (every SDK) is answered on the Node response directly instead of through a Next route
// handler. Each flip goes to every stream an instance holds, and a route handler's body passes
// through a ReadableStream, pipeTo and a WritableStream per chunk (~25 µs a stream and flip);
// here it is one res.write of bytes encoded once. Same guard, same feed, same errors as the route
// (app/api/v1/switches/stream/route.ts), which still serves the dashboard's session, `next dev`
// and plain `next start`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse } from '@/lib/api/errors';
import { requireKey } from '@/lib/auth/guard';
import { securityHeaders } from '@/lib/http/security-headers';
import { openSwitchFeedFor } from '@/lib/switches/feed-for';
import { MAX_QUEUED_BYTES, SSE_HEADERS } from '@/lib/switches/switch-stream';

const STREAM_PATH = '/api/v1/switches/stream';

/** A request this lane serves: the stream, asked for with an API key. */
export function isKeyedSwitchStream(req: IncomingMessage): boolean {
  if (req.method !== 'GET' || !req.headers.authorization) return false;
  const url = req.url ?? '';
  return url === STREAM_PATH || url.startsWith(`${STREAM_PATH}?`);
}

/** What lib/server/serve.mjs looks for on globalThis (plain JavaScript cannot import this module). */
export interface SwitchStreamLane {
  takes(req: IncomingMessage): boolean;
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** Called by instrumentation.ts once the server has started. */
export function registerSwitchStreamLane(): void {
  const lane: SwitchStreamLane = { takes: isKeyedSwitchStream, serve: serveSwitchStream };
  (globalThis as { __switchboardSwitchStreamLane?: SwitchStreamLane }).__switchboardSwitchStreamLane = lane;
}

export async function serveSwitchStream(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const clientGone = new AbortController();
  res.once('close', () => clientGone.abort());
  try {
    const request = new Request(`http://localhost${req.url}`, { headers: headersOf(req) });
    const principal = await requireKey(request, 'switches:read');
    const { feed, signal } = await openSwitchFeedFor(principal, { clientGone: clientGone.signal, lastEventId: request.headers.get('last-event-id') });
    res.writeHead(200, { ...securityHeaders, ...SSE_HEADERS });
    feed.attach({
      write(bytes) {
        // Past its socket's buffers, what waits for a client that stopped reading is bounded.
        if (res.writableLength > MAX_QUEUED_BYTES) return false;
        res.write(bytes);
        return true;
      },
      end: () => res.end(),
    });
    if (signal.aborted) feed.close();
    else signal.addEventListener('abort', feed.close, { once: true });
  } catch (err) {
    await sendWebResponse(res, errorResponse(err));
  }
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = await response.text();
  if (res.headersSent || res.destroyed) return;
  res.writeHead(response.status, { ...securityHeaders, ...Object.fromEntries(response.headers) });
  res.end(body);
}
