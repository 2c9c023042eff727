// Opens the switch feed of one authenticated client, for the route handler and for the server's
// switch lane (lib/server/switch-lane.ts) alike: the process's bus (503 when it cannot
// listen), and an end when the client leaves or its API key is revoked.
import { ApiError } from '@/lib/api/errors';
import type { Principal } from '@/lib/auth/guard';
import { watchKeyRevocation } from '@/lib/api-keys/revocations';
import { getSwitchBus } from './switch-bus';
import { resumeVersion, SwitchFeed } from './switch-stream';

const BUS_TIMEOUT_MS = 5_000;

/**
 * The feed and the signal that ends it (the client left, or the key was revoked). A client that
 * sends `Last-Event-ID` (the SDK on reconnect, any EventSource) resumes after that version.
 */
export async function openSwitchFeedFor(
  principal: Principal,
  { clientGone, lastEventId }: { clientGone: AbortSignal; lastEventId: string | null },
): Promise<{ feed: SwitchFeed; signal: AbortSignal }> {
  const bus = await Promise.race([
    getSwitchBus(),
    new Promise<never>((_, reject) =>
      setTimeout(
        () =>
          reject(
            new ApiError(503, 'unavailable', 'Cannot listen for switch changes right now; retry later.', undefined, {
              'Retry-After': '5',
            }),
          ),
        BUS_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
  // A stream opened with a key ends when the key is revoked; the SDK's reconnect is then refused.
  const revocation = principal.kind === 'key' ? watchKeyRevocation(principal.keyId) : null;
  const signal = revocation ? AbortSignal.any([clientGone, revocation.signal]) : clientGone;
  let feed: SwitchFeed;
  try {
    feed = await SwitchFeed.open(bus, { resumeFrom: resumeVersion(lastEventId) });
  } catch (err) {
    revocation?.stop();
    throw err;
  }
  if (revocation) feed.onClose(revocation.stop);
  return { feed, signal };
}
