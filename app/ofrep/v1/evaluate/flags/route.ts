// OFREP bulk evaluation: every kill switch as a boolean flag (lib/ofrep; docs/ofrep.md).
import { getControlDb } from '@/db';
import {
  eventStreamToken,
  ofrepAnswer,
  preflightResponse,
  readOfrepContext,
  requireOfrepCaller,
} from '@/lib/ofrep/http';
import { ofrepBulk, ofrepEtag } from '@/lib/ofrep/flags';
import { etagMatches } from '@/lib/http/etag';
import { readSwitchStates } from '@/lib/switches/document';

export const dynamic = 'force-dynamic';

/** How long a hidden browser tab keeps the event stream open (OFREP's inactivityDelaySec). */
const INACTIVITY_DELAY_SEC = 120;

export async function POST(request: Request): Promise<Response> {
  return ofrepAnswer(request, async () => {
    const { principal, audience } = await requireOfrepCaller(request);
    await readOfrepContext(request);
    const bulk = ofrepBulk(await readSwitchStates(await getControlDb()), audience);
    const etag = ofrepEtag(bulk);
    const headers = { ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Authorization, X-API-Key' };
    if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
    // A relative endpoint: providers join it to the origin they already reach us at.
    const requestUri = `/ofrep/v1/events?token=${await eventStreamToken(principal.keyId)}`;
    const eventStreams = [{ type: 'sse', endpoint: { requestUri }, inactivityDelaySec: INACTIVITY_DELAY_SEC }];
    return Response.json({ ...bulk, eventStreams }, { headers });
  });
}

export async function OPTIONS(request: Request): Promise<Response> {
  return preflightResponse(request);
}
