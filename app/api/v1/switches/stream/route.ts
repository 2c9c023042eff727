// Server-sent events for SDKs: a snapshot on connect, then each flip as it commits anywhere.
// Under `switchboard start` a request with an API key is served by the server's switch lane
// (lib/server/switch-lane.ts) before it reaches Next; this route serves the rest (the
// dashboard's session, `next dev`), with the same feed.
import { apiRoute } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { openSwitchFeedFor } from '@/lib/switches/feed-for';
import { SSE_HEADERS, switchFeedStream } from '@/lib/switches/switch-stream';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request) => {
  const principal = await requireKeyOrUser(request, 'switches:read');
  const { feed, signal } = await openSwitchFeedFor(principal, {
    clientGone: request.signal,
    lastEventId: request.headers.get('last-event-id'),
  });
  return new Response(switchFeedStream(feed, signal), { headers: SSE_HEADERS });
});
