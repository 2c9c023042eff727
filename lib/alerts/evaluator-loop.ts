// The alert evaluator as a loop: a round every minute, in the server process (lib/startup.ts) or in
// `switchboard alerts evaluate --loop`. Rounds never overlap within a process; across processes
// the round's advisory lock keeps them from double-firing (lib/alerts/evaluate.ts).
import type { Db } from '@/db';
import { evaluateAlerts, type AlertRound } from './evaluate';

export const EVALUATION_INTERVAL_MS = 60_000;

export interface AlertEvaluator {
  stop(): Promise<void>;
}

export function startAlertEvaluator(
  db: Db,
  options: { intervalMs?: number; featureKeys?: readonly string[]; onRound?: (round: AlertRound) => void } = {},
): AlertEvaluator {
  let running: Promise<void> | null = null;
  let failures = 0;
  const tick = () => {
    running ??= evaluateAlerts(db, { now: new Date(), featureKeys: options.featureKeys })
      .then((round) => {
        failures = 0;
        options.onRound?.(round);
      })
      .catch((err) => {
        // Usually the database is away; say so once, not every minute.
        if (failures++ === 0) console.error('Alert evaluation failed:', err instanceof Error ? err.message : err);
      })
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, options.intervalMs ?? EVALUATION_INTERVAL_MS);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

const globalStore = globalThis as unknown as { __switchboardAlertEvaluator?: AlertEvaluator };

/** Starts this process's evaluator once (module reloads keep the first). */
export function ensureAlertEvaluator(db: Db): void {
  globalStore.__switchboardAlertEvaluator ??= startAlertEvaluator(db);
}
