// Helpers for the kill-switch tests: features inserted directly (as ingestion would create them)
// and a small reader for server-sent events.
import { features } from '@/db/schema';
import { testDatabase } from './system';

let counter = 0;

/** Inserts a feature with a unique key and returns the key. */
export async function createFeature(prefix = 'feature'): Promise<string> {
  const { db } = await testDatabase();
  const key = `${prefix}-${Date.now().toString(36)}-${counter++}`;
  await db.insert(features).values({ key });
  return key;
}

export interface SseEvent {
  event: string;
  id?: string;
  data: string;
  /** When the event was parsed (performance.now()). */
  at: number;
}

/** Reads an event stream and hands out its events (and comments) in order. */
export class SseReader {
  readonly comments: string[] = [];
  retry?: number;
  private readonly events: SseEvent[] = [];
  private waiters: (() => void)[] = [];
  private buffer = '';
  private done = false;

  constructor(private readonly response: Response) {
    void this.pump();
  }

  private async pump() {
    const reader = this.response.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          this.parse(this.buffer.slice(0, end));
          this.buffer = this.buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by the test
    }
    this.done = true;
    this.wake();
  }

  private parse(block: string) {
    const event: SseEvent = { event: 'message', data: '', at: performance.now() };
    let hasData = false;
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === '') this.comments.push(value);
      else if (field === 'retry') this.retry = Number(value);
      else if (field === 'event') event.event = value;
      else if (field === 'id') event.id = value;
      else if (field === 'data') {
        event.data += (hasData ? '\n' : '') + value;
        hasData = true;
      }
    }
    if (hasData) {
      this.events.push(event);
      this.wake();
    }
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  /** The next event, or an error after `timeoutMs`. */
  async next(timeoutMs = 5_000): Promise<SseEvent> {
    const deadline = performance.now() + timeoutMs;
    while (this.events.length === 0) {
      if (this.done) throw new Error('The stream ended.');
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`No event within ${timeoutMs} ms.`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.events.shift()!;
  }

  /** The next event whose data mentions `feature` (other tests share the server). */
  async nextFor(feature: string, timeoutMs = 5_000): Promise<SseEvent & { json: Record<string, unknown> }> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const event = await this.next(Math.max(1, deadline - performance.now()));
      const json = JSON.parse(event.data);
      if (json.feature === feature) return { ...event, json };
    }
  }
}
