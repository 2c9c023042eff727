// The server's switch lane: requests with an API key on the kill-switch path — the stream every
// SDK holds (`GET /api/v1/switches/stream`), one switch (`GET`) and its flip (`PUT
// /api/v1/switches/{feature}`) — are answered on the Node request directly instead of through
// Next. Two reasons (docs/performance.md):
// - a flip must not queue behind an ingestion storm: under one, Next's routing costs a request
//   turns of a contended event loop before its first query (side by side: docs/performance.md);
// - each flip goes to every stream an instance holds, and a route handler's body passes through
//   a ReadableStream, pipeTo and a WritableStream per chunk (~25 µs a stream and flip); here it is
//   one res.write of bytes encoded once.
// Same guard, handlers and errors as the routes (app/api/v1/switches/…), which still serve the
// dashboard's session, `next dev` and plain `next start`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { errorResponse } from '@/lib/api/errors';
import { requireKey } from '@/lib/auth/guard';
import { securityHeaders } from '@/lib/http/security-headers';
import { openSwitchFeedFor } from '@/lib/switches/feed-for';
import { flipResponse, oneSwitchResponse } from '@/lib/switches/switch-api';
import { MAX_QUEUED_BYTES, SSE_HEADERS } from '@/lib/switches/switch-stream';

const SWITCHES_PATH = '/api/v1/switches';
const STREAM_PATH = `${SWITCHES_PATH}/stream`;

type Serve = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** What lib/server/serve.mjs looks for on globalThis (plain JavaScript cannot import this module). */
export interface SwitchLane {
  /** How the lane serves `req`, or null when Next should. */
  route(req: IncomingMessage): Serve | null;
}

/** Called by instrumentation.ts once the server has started. */
export function registerSwitchLane(): void {
  const lane: SwitchLane = { route: switchLaneRoute };
  (globalThis as { __switchboardSwitchLane?: SwitchLane }).__switchboardSwitchLane = lane;
}

/**
 * The lane's handler of a request, or null when it is not the lane's: no API key (a session
 * goes through Next's auth), another path or method, or a path Next must refuse (a bad escape).
 */
export function switchLaneRoute(req: IncomingMessage): Serve | null {
  if (!req.headers.authorization) return null;
  const url = req.url ?? '';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (path === STREAM_PATH) return req.method === 'GET' ? serveSwitchStream : null;
  if (!path.startsWith(`${SWITCHES_PATH}/`)) return null;
  const feature = decodedSegment(path.slice(SWITCHES_PATH.length + 1));
  if (feature === null) return null;
  if (req.method === 'GET') return servedBy((request) => oneSwitchResponse(request, feature));
  if (req.method === 'PUT') return servedBy((request) => flipResponse(request, feature));
  return null;
}

/** One path segment, decoded as Next decodes route parameters; null when it is not one. */
function decodedSegment(segment: string): string | null {
  if (segment === '' || segment.includes('/')) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** A Web handler (Request → Response) served on the Node request. */
function servedBy(handler: (request: Request) => Promise<Response>): Serve {
  return async (req, res) => {
    let response: Response;
    try {
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers: headersOf(req),
        ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
      } as RequestInit);
      response = await handler(request);
    } catch (err) {
      response = errorResponse(err);
    }
    await sendWebResponse(res, response);
  };
}

async function serveSwitchStream(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const clientGone = new AbortController();
  res.once('close', () => clientGone.abort());
  try {
    const request = new Request(`http://localhost${req.url}`, { headers: headersOf(req) });
    const principal = await requireKey(request, 'switches:read');
    const { feed, signal } = await openSwitchFeedFor(principal, {
      clientGone: clientGone.signal,
      lastEventId: request.headers.get('last-event-id'),
    });
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
