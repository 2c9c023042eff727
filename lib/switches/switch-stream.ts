// The body of GET /api/v1/switches/stream: a snapshot, then every flip, as server-sent events.
import type { Db } from '@/db';
import { readSwitchStates, SwitchVersions, toSwitchDocument, type SwitchEvent } from './document';
import type { SwitchBus } from './switch-bus';

export const HEARTBEAT_MS = 15_000;
/** How long a client waits before reconnecting (the SSE `retry:` hint). */
export const RETRY_MS = 2_000;
/** Chunks queued for a client that stopped reading before it is dropped (it reconnects and gets a snapshot). */
const MAX_QUEUED = 1_000;

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

/**
 * Subscribes first and reads the snapshot second, holding events that arrive in between: a flip
 * committed while the snapshot is read is then either in the snapshot or sent after it, never lost.
 * Throws (before anything is sent) when the snapshot cannot be read.
 */
export async function openSwitchStream(db: Db, bus: SwitchBus, { signal, heartbeatMs = HEARTBEAT_MS }: StreamOptions) {
  const encoder = new TextEncoder();
  const held: SwitchEvent[] = [];
  let versions: SwitchVersions | null = null;
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const onEvent = (event: SwitchEvent) => {
    if (!versions) held.push(event);
    else if (versions.accept(event)) send(sseEvent('switch', event, event.version));
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

  function send(text: string) {
    if (closed || !controller) return;
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED) return close();
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  }

  let states;
  try {
    states = await readSwitchStates(db);
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
      send(`retry: ${RETRY_MS}\n`);
      send(sseEvent('snapshot', document, document.version));
      versions = new SwitchVersions(states);
      for (const event of held.splice(0)) onEvent(event);
      heartbeat = setInterval(() => send(sseComment(`heartbeat ${new Date().toISOString()}`)), heartbeatMs);
    },
    cancel: close,
  });
}
