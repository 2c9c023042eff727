// OFREP change notifications: the eventStreams entry of a bulk evaluation (lib/ofrep; docs/ofrep.md).
import { watchKeyRevocation } from '@/lib/api-keys/revocations';
import { ofrepAnswer, preflightResponse, requireOfrepStreamCaller } from '@/lib/ofrep/http';
import { ofrepEventStream } from '@/lib/ofrep/event-stream';
import { getSwitchBus } from '@/lib/switches/switch-bus';
import { SSE_HEADERS } from '@/lib/switches/switch-stream';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return ofrepAnswer(request, async () => {
    const { principal } = await requireOfrepStreamCaller(new URL(request.url).searchParams.get('token'));
    const bus = await getSwitchBus();
    const revocation = watchKeyRevocation(principal.keyId);
    const signal = AbortSignal.any([request.signal, revocation.signal]);
    signal.addEventListener('abort', revocation.stop, { once: true });
    return new Response(ofrepEventStream(bus, signal), { headers: SSE_HEADERS });
  });
}

export async function OPTIONS(request: Request): Promise<Response> {
  return preflightResponse(request);
}
