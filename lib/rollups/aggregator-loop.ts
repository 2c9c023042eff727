// The rollup aggregator as a loop in every server process (lib/startup.ts): a pass about once a
// second, the next one starting a second after the last ended. Passes in several processes take
// turns on the aggregator's lock, and one that finds it taken returns at once: the dashboards lag
// the stored calls by about a second (docs/ingestion.md, "Rollups").
import type { Db } from '@/db';
import { aggregateRollups } from './aggregator-pass';

export const AGGREGATION_INTERVAL_MS = 1_000;

export interface RollupAggregator {
  stop(): Promise<void>;
}

export function startRollupAggregator(db: Db, options: { intervalMs?: number } = {}): RollupAggregator {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let failures = 0;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(pass, options.intervalMs ?? AGGREGATION_INTERVAL_MS);
    timer.unref?.();
  };
  const pass = () => {
    running = aggregateRollups(db)
      .then(() => {
        if (failures > 0) console.log('Rollup aggregation works again.');
        failures = 0;
      })
      .catch((err) => {
        // Usually the database is away; say so once, not every second.
        if (failures++ === 0) console.error('Rollup aggregation failed:', err instanceof Error ? err.message : err);
      })
      .finally(() => {
        running = null;
        schedule();
      });
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

const globalStore = globalThis as unknown as { __switchboardRollupAggregator?: RollupAggregator };

/** Starts this process's aggregator once (module reloads keep the first). */
export function ensureRollupAggregator(db: Db): void {
  globalStore.__switchboardRollupAggregator ??= startRollupAggregator(db);
}
