// A bound on the ingestion requests one process works on at once, with a short, bounded queue
// for bursts. Past it a request is answered 503 + Retry-After at once instead of queueing without
// end for a database connection: an unbounded queue would hold the pool that the switch
// endpoints need, and every waiting client would time out instead of backing off (the SDK
// honours Retry-After).
import { env } from '@/lib/env';
import { ApiError } from '@/lib/api/errors';

/** How long a request may wait for a slot before it is shed: the answer never takes much longer. */
export const MAX_SLOT_WAIT_MS = 2_000;

type Release = () => void;

export class InFlightLimit {
  private active = 0;
  /** Wake-ups of the waiting requests, oldest first. */
  private readonly waiting: ((release: Release) => void)[] = [];

  constructor(
    readonly max: number,
    readonly maxQueued: number,
    readonly maxWaitMs = MAX_SLOT_WAIT_MS,
  ) {}

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * A release function once a slot is free (call it exactly once; later calls do nothing), or
   * null when the queue is full or no slot freed up within `maxWaitMs`.
   */
  async enter(): Promise<Release | null> {
    if (this.active < this.max) {
      this.active++;
      return this.releaser();
    }
    if (this.waiting.length >= this.maxQueued) return null;
    return new Promise((resolve) => {
      const wake = (release: Release) => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(wake), 1);
        resolve(null);
      }, this.maxWaitMs);
      this.waiting.push(wake);
    });
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot goes straight to the oldest waiting request, so a newcomer cannot overtake it.
      const next = this.waiting.shift();
      if (next) next(this.releaser());
      else this.active--;
    };
  }
}

const store = globalThis as unknown as { __switchboardIngestInFlight?: InFlightLimit };

/** The process-wide bound for the ingestion routes (SWITCHBOARD_INGEST_MAX_IN_FLIGHT, _MAX_QUEUED). */
export function ingestInFlightLimit(): InFlightLimit {
  return (store.__switchboardIngestInFlight ??= new InFlightLimit(
    env.SWITCHBOARD_INGEST_MAX_IN_FLIGHT,
    env.SWITCHBOARD_INGEST_MAX_QUEUED,
  ));
}

/** Runs `work` in an ingestion slot, or throws 503 with Retry-After when none is free in time. */
export async function withIngestSlot<T>(work: () => Promise<T>, limit = ingestInFlightLimit()): Promise<T> {
  const release = await limit.enter();
  if (!release) {
    // The body is left unread, so the connection must not carry another request.
    throw new ApiError(
      503,
      'overloaded',
      `Ingestion is at capacity (${limit.max} requests in progress, ${limit.maxQueued} waiting); retry after 1 s.`,
      undefined,
      {
        'Retry-After': '1',
        Connection: 'close',
      },
    );
  }
  try {
    return await work();
  } finally {
    release();
  }
}
