// The process-wide receiver of switch flips: one LISTEN per app instance, fanned out to every
// in-process subscriber (the SSE connections). A flip through any instance reaches SDKs
// connected to any other, because each instance hears the same Postgres NOTIFY.
import { z } from 'zod';
import { getDatabase, type Database } from '@/db';
import {
  readSwitchStates,
  SWITCH_CHANNEL,
  SwitchVersions,
  type SwitchEvent,
  type VersionedSwitchState,
} from './document';

export type SwitchListener = (event: SwitchEvent) => void;

export interface SwitchBus {
  /** Calls `listener` with every flip from now on; returns the unsubscribe function. */
  subscribe(listener: SwitchListener): () => void;
  /** Re-reads every switch and passes on what notifications missed. */
  catchUp(): Promise<void>;
  /**
   * Every switch, read after the caller subscribed: callers in the same tick share one read
   * (10,000 SDKs reconnecting after a restart cost a handful of queries, not 10,000).
   */
  snapshot(): Promise<VersionedSwitchState[]>;
  close(): Promise<void>;
}

/**
 * How often the bus re-reads the switches while anyone listens. NOTIFY is the fast path; this
 * covers what it cannot: flips committed while the LISTEN connection was down or half-open.
 */
const RECONCILE_MS = 10_000;

const EventSchema = z.object({
  version: z.number().int().positive(),
  feature: z.string(),
  killed: z.boolean(),
  reason: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

export async function startSwitchBus(database: Database, reconcileMs = RECONCILE_MS): Promise<SwitchBus> {
  const listeners = new Set<SwitchListener>();
  const versions = new SwitchVersions();
  let listens = 0;
  let catchingUp: Promise<void> | null = null;
  let nextSnapshot: Promise<VersionedSwitchState[]> | null = null;

  function deliver(event: SwitchEvent): void {
    if (!versions.accept(event)) return;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (err) {
        console.error('A switch subscriber failed:', err);
      }
    }
  }

  function onPayload(payload: string): void {
    let parsed;
    try {
      parsed = EventSchema.safeParse(JSON.parse(payload));
    } catch {
      parsed = null;
    }
    if (parsed?.success) deliver(parsed.data);
    else console.warn(`Ignored a malformed message on ${SWITCH_CHANNEL}.`);
  }

  function catchUp(): Promise<void> {
    // One read at a time; a caller arriving meanwhile shares it.
    catchingUp ??= readSwitchStates(database.control)
      .then((states) => {
        for (const state of states) if (state.updatedAt) deliver(state as SwitchEvent);
      })
      .finally(() => (catchingUp = null));
    return catchingUp;
  }

  const unlisten = await database.listen(SWITCH_CHANNEL, onPayload, () => {
    // The first LISTEN is followed by the initial read below; later ones follow a reconnect.
    if (listens++ === 0) return;
    console.log(`Switch bus: LISTEN on ${SWITCH_CHANNEL} is back; catching up on missed flips.`);
    catchUp().catch((err) => console.error('Switch bus: catching up failed:', err));
  });
  await catchUp();

  const timer = setInterval(() => {
    if (listeners.size > 0) catchUp().catch(() => {}); // the database is down: try again next round
  }, reconcileMs);
  timer.unref?.();

  function snapshot(): Promise<VersionedSwitchState[]> {
    // The read starts on the next turn of the event loop: whoever joins it before then has
    // subscribed before it began, which is all a SwitchFeed needs.
    nextSnapshot ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      nextSnapshot = null;
      return readSwitchStates(database.control);
    });
    return nextSnapshot;
  }

  return {
    snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    catchUp,
    async close() {
      clearInterval(timer);
      listeners.clear();
      await unlisten();
    },
  };
}

const globalStore = globalThis as unknown as { __switchboardSwitchBus?: Promise<SwitchBus> };

/** This process's bus, started on first use; kept on globalThis to survive module reloads. */
export function getSwitchBus(): Promise<SwitchBus> {
  if (!globalStore.__switchboardSwitchBus) {
    const starting = getDatabase().then((database) => startSwitchBus(database));
    globalStore.__switchboardSwitchBus = starting;
    starting.catch(() => {
      if (globalStore.__switchboardSwitchBus === starting) globalStore.__switchboardSwitchBus = undefined;
    });
  }
  return globalStore.__switchboardSwitchBus;
}
