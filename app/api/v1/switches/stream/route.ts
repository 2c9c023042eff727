// Server-sent events for SDKs: a snapshot on connect, then each flip as it commits anywhere.
import { ApiError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { watchKeyRevocation } from '@/lib/auth/key-revocations';
import { getSwitchBus } from '@/lib/switches/switch-bus';
import { openSwitchStream } from '@/lib/switches/switch-stream';

export const dynamic = 'force-dynamic';

const BUS_TIMEOUT_MS = 5_000;

export const GET = apiRoute(async (request) => {
  const principal = await requireKeyOrUser(request, 'switches:read');
  const bus = await Promise.race([
    getSwitchBus(),
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new ApiError(503, 'unavailable', 'Cannot listen for switch changes right now; retry later.', undefined, { 'Retry-After': '5' })),
        BUS_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
  // A stream opened with a key ends when the key is revoked; the SDK's reconnect is then refused.
  const revocation = principal.kind === 'key' ? watchKeyRevocation(principal.keyId) : null;
  const signal = revocation ? AbortSignal.any([request.signal, revocation.signal]) : request.signal;
  if (revocation) signal.addEventListener('abort', revocation.stop, { once: true });
  let stream;
  try {
    stream = await openSwitchStream(bus, { signal });
  } catch (err) {
    revocation?.stop();
    throw err;
  }
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      // Tells nginx-style proxies not to buffer the stream.
      'X-Accel-Buffering': 'no',
    },
  });
});
