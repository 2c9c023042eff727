// The body of GET /api/v1/switches/stream: a snapshot, then every flip, as server-sent events.
import { toSwitchDocument, type SwitchEvent, type VersionedSwitchState } from './document';
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

const encoder = new TextEncoder();
/** Each flip is encoded once however many streams it goes to (10,000 on one instance: docs/performance.md). */
const encodedEvents = new WeakMap<SwitchEvent, Uint8Array>();

function encodedSwitchEvent(event: SwitchEvent): Uint8Array {
  let bytes = encodedEvents.get(event);
  if (!bytes) encodedEvents.set(event, (bytes = encoder.encode(sseEvent('switch', event, event.version))));
  return bytes;
}

/** The opening of a stream, encoded once per snapshot read (streams of one tick share the read). */
const encodedOpenings = new WeakMap<readonly VersionedSwitchState[], { bytes: Uint8Array; version: number }>();

function encodedOpening(states: readonly VersionedSwitchState[]): { bytes: Uint8Array; version: number } {
  let opening = encodedOpenings.get(states);
  if (!opening) {
    const document = toSwitchDocument(states);
    opening = {
      bytes: encoder.encode(`retry: ${RETRY_MS}\n${sseEvent('snapshot', document, document.version)}`),
      version: document.version,
    };
    encodedOpenings.set(states, opening);
  }
  return opening;
}

/** Where a feed writes: a ReadableStream's controller (Next's route) or a Node response (lib/server). */
export interface SwitchFeedSink {
  /** Queues bytes for the client; false when too much already waits for it (the feed then closes). */
  write(bytes: Uint8Array): boolean;
  /** Ends the response; the client reconnects and gets a snapshot. */
  end(): void;
}

/**
 * The opening of a stream resumed after `from` (the client's `Last-Event-ID`): an event `resume`
 * with the current version, then the latest flip of each switch that changed after `from`, instead
 * of the whole document. Undefined when the client's version is not one this server has reached
 * (another database, or a restored one): it gets the snapshot.
 */
function resumedOpening(
  states: readonly VersionedSwitchState[],
  from: number,
): { bytes: Uint8Array; version: number } | undefined {
  const version = states.reduce((max, s) => Math.max(max, s.version), 0);
  if (from > version) return undefined;
  const changed = states
    .filter((s): s is SwitchEvent => s.version > from && s.updatedAt !== null)
    .sort((a, b) => a.version - b.version);
  const text = [
    `retry: ${RETRY_MS}\n`,
    sseEvent('resume', { version }, version),
    ...changed.map((s) => sseEvent('switch', s, s.version)),
  ].join('');
  return { bytes: encoder.encode(text), version };
}

/** A `Last-Event-ID` header as the version it names, or undefined when it names none. */
export function resumeVersion(lastEventId: string | null): number | undefined {
  return lastEventId !== null && /^\d{1,15}$/.test(lastEventId.trim()) ? Number(lastEventId.trim()) : undefined;
}

/**
 * The events of one client's stream. `openSwitchFeed` subscribes first and reads the snapshot
 * second, holding events that arrive in between: a flip committed while the snapshot is read is
 * then either in the snapshot or sent after it, never lost. Flips commit in version order
 * (lib/switches/flip-switch.ts), so a snapshot whose highest version is V holds every flip up to
 * V: one number per stream tells which events are news.
 */
export class SwitchFeed {
  private readonly held: SwitchEvent[] = [];
  /** The snapshot's version once it is sent; null before. */
  private sentUpTo: number | null = null;
  private sink: SwitchFeedSink | null = null;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private states: readonly VersionedSwitchState[] = [];
  private readonly unsubscribe: () => void;
  private readonly closeListeners: (() => void)[] = [];

  private constructor(
    bus: SwitchBus,
    private readonly heartbeatMs: number,
    private readonly resumeFrom: number | undefined,
  ) {
    this.unsubscribe = bus.subscribe(this.onEvent);
  }

  /**
   * Throws (before anything is sent) when the snapshot cannot be read. With `resumeFrom` (the
   * client's `Last-Event-ID`) the stream opens with the flips after it instead of the snapshot.
   */
  static async open(
    bus: SwitchBus,
    { heartbeatMs = HEARTBEAT_MS, resumeFrom }: { heartbeatMs?: number; resumeFrom?: number } = {},
  ): Promise<SwitchFeed> {
    const feed = new SwitchFeed(bus, heartbeatMs, resumeFrom);
    try {
      feed.states = await bus.snapshot();
    } catch (err) {
      feed.unsubscribe();
      throw err;
    }
    return feed;
  }

  /** Sends the snapshot and what arrived since, then every flip and a heartbeat, until close(). */
  attach(sink: SwitchFeedSink): void {
    if (this.closed) return sink.end();
    this.sink = sink;
    const opening =
      (this.resumeFrom !== undefined && resumedOpening(this.states, this.resumeFrom)) || encodedOpening(this.states);
    this.send(opening.bytes);
    this.sentUpTo = opening.version;
    for (const event of this.held.splice(0)) this.onEvent(event);
    this.heartbeat = setInterval(
      () => this.send(encoder.encode(sseComment(`heartbeat ${new Date().toISOString()}`))),
      this.heartbeatMs,
    );
  }

  /** Runs `listener` once the feed closes, whoever closed it. */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  close = (): void => {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const listener of this.closeListeners.splice(0)) listener();
    clearInterval(this.heartbeat);
    try {
      this.sink?.end();
    } catch {
      // already closed by the client
    }
  };

  private readonly onEvent = (event: SwitchEvent): void => {
    if (this.sentUpTo === null) this.held.push(event);
    else if (event.version > this.sentUpTo) this.send(encodedSwitchEvent(event));
  };

  private send(bytes: Uint8Array): void {
    if (this.closed || !this.sink) return;
    let written = false;
    try {
      written = this.sink.write(bytes);
    } catch {
      // the client is gone
    }
    if (!written) this.close();
  }
}

/** The feed as the body of a route handler's Response; it ends when `signal` aborts. */
export function switchFeedStream(feed: SwitchFeed, signal: AbortSignal): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        feed.attach({
          write(bytes) {
            if ((controller.desiredSize ?? 0) < bytes.byteLength) return false;
            controller.enqueue(bytes);
            return true;
          },
          end: () => {
            signal.removeEventListener('abort', feed.close);
            controller.close();
          },
        });
        if (signal.aborted) feed.close();
        else signal.addEventListener('abort', feed.close, { once: true });
      },
      cancel: feed.close,
    },
    new ByteLengthQueuingStrategy({ highWaterMark: MAX_QUEUED_BYTES }),
  );
}

/** The response headers of a switch stream. */
export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  // Tells nginx-style proxies not to buffer the stream.
  'X-Accel-Buffering': 'no',
};
