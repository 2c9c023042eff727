// OFREP's change notifications (ADR-0008): a server-sent event `{"type":"refetchEvaluation"}` on
// every flip, on which providers fetch the bulk evaluation again (with If-None-Match). Unnamed
// `message` events, as EventSource delivers them to `onmessage`; a heartbeat comment keeps proxies
// from closing the idle stream; a client that stops reading is dropped past MAX_QUEUED_BYTES.
import type { SwitchBus } from '@/lib/switches/switch-bus';
import { HEARTBEAT_MS, MAX_QUEUED_BYTES, RETRY_MS, sseComment } from '@/lib/switches/switch-stream';

const encoder = new TextEncoder();

/** The stream's body; it ends when `signal` aborts (the client left, or its key was revoked). */
export function ofrepEventStream(
  bus: SwitchBus,
  signal: AbortSignal,
  heartbeatMs = HEARTBEAT_MS,
): ReadableStream<Uint8Array> {
  let stop = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const listening: { heartbeat?: ReturnType<typeof setInterval>; unsubscribe?: () => void } = {};
        const close = () => {
          clearInterval(listening.heartbeat);
          listening.unsubscribe?.();
          signal.removeEventListener('abort', close);
          try {
            controller.close();
          } catch {
            // already closed or cancelled
          }
        };
        stop = close;
        const send = (text: string) => {
          const bytes = encoder.encode(text);
          if ((controller.desiredSize ?? 0) < bytes.byteLength) return close();
          controller.enqueue(bytes);
        };
        send(`retry: ${RETRY_MS}\n${sseComment('switchboard ofrep events')}`);
        listening.unsubscribe = bus.subscribe((event) =>
          send(`data: ${JSON.stringify({ type: 'refetchEvaluation', lastModified: event.updatedAt })}\n\n`),
        );
        listening.heartbeat = setInterval(() => send(sseComment(`heartbeat ${new Date().toISOString()}`)), heartbeatMs);
        if (signal.aborted) close();
        else signal.addEventListener('abort', close, { once: true });
      },
      cancel: () => stop(),
    },
    new ByteLengthQueuingStrategy({ highWaterMark: MAX_QUEUED_BYTES }),
  );
}
