// The body of GET /api/v1/switches/stream: a snapshot, then every flip, as server-sent events.
import { toSwitchDocument, type SwitchEvent } from './document';
import type { SwitchBus } from './switch-bus';

export const HEARTBEAT_MS = 15_000;
/** How long a client waits before reconnecting (the SSE `retry:` hint). */
export const RETRY_MS = 2_000;
/**
 * Bytes that may wait for a client that stopped reading (past what its socket buffers hold)
 * before the stream is dropped; it reconnects and gets a snapshot. About 300 flips: a reader that
 * is merely slow never comes near it, and a stalled one costs this process at most this much.
 */
export const MAX_QUEUED_BYTES = 64 * 1024;

export function sseEvent(event: string, data: unknown, id?: number): string {
  // JSON.stringify escapes newlines, so the data always fits on one `data:` line.
  return `event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`;
}

export function sseComment(text: string): string {
  return `: ${text}\n\n`;
}

interface StreamOptions {
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  heartbeatMs?: number;
}

const encoder = new TextEncoder();
/** Each flip is encoded once however many streams it goes to (10,000 on one instance: docs/performance.md). */
const encodedEvents = new WeakMap<SwitchEvent, Uint8Array>();

function encodedSwitchEvent(event: SwitchEvent): Uint8Array {
  let bytes = encodedEvents.get(event);
  if (!bytes) encodedEvents.set(event, (bytes = encoder.encode(sseEvent('switch', event, event.version))));
  return bytes;
}

/**
 * Subscribes first and reads the snapshot second, holding events that arrive in between: a flip
 * committed while the snapshot is read is then either in the snapshot or sent after it, never lost.
 * Flips commit in version order (lib/switches/flip-switch.ts), so a snapshot whose highest version
 * is V holds every flip up to V: one number per stream tells which events are news.
 * Throws (before anything is sent) when the snapshot cannot be read.
 */
export async function openSwitchStream(bus: SwitchBus, { signal, heartbeatMs = HEARTBEAT_MS }: StreamOptions) {
  const held: SwitchEvent[] = [];
  /** The snapshot's version once it is sent; null before. */
  let sentUpTo: number | null = null;
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const onEvent = (event: SwitchEvent) => {
    if (sentUpTo === null) held.push(event);
    else if (event.version > sentUpTo) send(encodedSwitchEvent(event));
  };
  const unsubscribe = bus.subscribe(onEvent);

  function close() {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    signal.removeEventListener('abort', close);
    try {
      controller?.close();
    } catch {
      // already closed by the client
    }
  }

  function send(bytes: Uint8Array) {
    if (closed || !controller) return;
    if ((controller.desiredSize ?? 0) < bytes.byteLength) return close();
    try {
      controller.enqueue(bytes);
    } catch {
      close();
    }
  }

  let states;
  try {
    states = await bus.snapshot();
  } catch (err) {
    unsubscribe();
    throw err;
  }

  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      if (signal.aborted) return close();
      signal.addEventListener('abort', close, { once: true });
      const document = toSwitchDocument(states);
      send(encoder.encode(`retry: ${RETRY_MS}\n`));
      send(encoder.encode(sseEvent('snapshot', document, document.version)));
      sentUpTo = document.version;
      for (const event of held.splice(0)) onEvent(event);
      heartbeat = setInterval(() => send(encoder.encode(sseComment(`heartbeat ${new Date().toISOString()}`))), heartbeatMs);
    },
    cancel: close,
  }, new ByteLengthQueuingStrategy({ highWaterMark: MAX_QUEUED_BYTES }));
}
