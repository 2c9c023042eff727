// A bound on the ingestion requests one process works on at once. Past it a request is answered
// 503 + Retry-After at once instead of queueing for a database connection: an unbounded queue
// would hold the pool that the switch endpoints need, and every waiting client would time out
// instead of backing off (the SDK honours Retry-After).
import { env } from '@/lib/env';
import { ApiError } from '@/lib/api/errors';

export class InFlightLimit {
  private active = 0;

  constructor(readonly max: number) {}

  get inFlight(): number {
    return this.active;
  }

  /** A release function when a slot is free (call it exactly once; later calls do nothing), else null. */
  tryEnter(): (() => void) | null {
    if (this.active >= this.max) return null;
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
    };
  }
}

const store = globalThis as unknown as { __switchboardIngestInFlight?: InFlightLimit };

/** The process-wide bound for the ingestion routes (SWITCHBOARD_INGEST_MAX_IN_FLIGHT). */
export function ingestInFlightLimit(): InFlightLimit {
  return (store.__switchboardIngestInFlight ??= new InFlightLimit(env.SWITCHBOARD_INGEST_MAX_IN_FLIGHT));
}

/** Runs `work` in an ingestion slot, or throws 503 with Retry-After when every slot is taken. */
export async function withIngestSlot<T>(work: () => Promise<T>, limit = ingestInFlightLimit()): Promise<T> {
  const release = limit.tryEnter();
  if (!release) {
    // The body is left unread, so the connection must not carry another request.
    throw new ApiError(503, 'overloaded', `Ingestion is at capacity (${limit.max} requests in progress); retry after 1 s.`, undefined, {
      'Retry-After': '1',
      Connection: 'close',
    });
  }
  try {
    return await work();
  } finally {
    release();
  }
}
