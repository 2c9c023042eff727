// The delivery worker inside each server process: every few seconds, a round of
// deliverDueWebhooks. Several processes may run it on one database; claims keep them apart.
import type { Db } from '@/db';
import { deliverDueWebhooks, type DeliveryOptions } from './deliver';

export interface DeliveryWorker {
  stop(): Promise<void>;
}

/** Every `intervalMs` (default 2 s); a full batch is followed at once by another round. */
export function startDeliveryWorker(
  db: Db,
  options: Omit<DeliveryOptions, 'now'> & { intervalMs?: number },
): DeliveryWorker {
  let running: Promise<void> | null = null;
  let stopped = false;
  let failures = 0;

  async function drain(): Promise<void> {
    for (;;) {
      const round = await deliverDueWebhooks(db, options);
      failures = 0;
      if (stopped || round.claimed < (options.batchSize ?? 20)) return;
    }
  }

  const timer = setInterval(() => {
    running ??= drain()
      .catch((err) => {
        // Usually the database is away; say so once, not every two seconds.
        if (failures++ === 0) console.error('Webhook delivery round failed:', err instanceof Error ? err.message : err);
      })
      .finally(() => (running = null));
  }, options.intervalMs ?? 2_000);
  timer.unref?.();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

const globalStore = globalThis as unknown as { __switchboardDeliveryWorker?: DeliveryWorker };

/** Starts this process's worker once (module reloads keep the first). */
export function ensureDeliveryWorker(db: Db, options: Omit<DeliveryOptions, 'now'>): void {
  globalStore.__switchboardDeliveryWorker ??= startDeliveryWorker(db, options);
}
