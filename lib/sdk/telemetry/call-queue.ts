// The exporter's bounded memory: a FIFO of finished calls (or scores) that drops the OLDEST when full.
// Oldest, because during a long outage the recent calls are the ones an on-call engineer looks
// at, and the dashboard's rollups of the recent past are what the SLO alerts read.
export class CallQueue<T> {
  private items: T[] = [];
  private head = 0;
  /** Calls pushed out by newer ones since the queue was created. */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('maxQueue must be at least 1.');
  }

  get length(): number {
    return this.items.length - this.head;
  }

  /** O(1): the call path's only cost for telemetry. */
  push(call: T): void {
    if (this.length >= this.capacity) {
      this.head++;
      this.dropped++;
      this.compact();
    }
    this.items.push(call);
  }

  /** Removes and returns up to `n` calls from the front. */
  take(n: number): T[] {
    const out = this.items.slice(this.head, this.head + n);
    this.head += out.length;
    this.compact();
    return out;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
