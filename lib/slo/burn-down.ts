// The error-budget burn-down chart of one SLO window: the ideal line spends the budget evenly
// from 100 % at the window's start to 0 % at its end; the actual line is what is left after the
// bad events seen so far, against the budget of the whole window's traffic. Its last point equals
// the budget remaining.
import { badOf, type SliBucket } from './counts';
import { assertObjective } from './error-budget';
import { SLO_WINDOWS, type SloWindow } from './windows';

export interface BurnDownPoint {
  /** End of the step (ISO). */
  at: string;
  /** 1 − elapsed / window. */
  ideal: number;
  /** 1 − bad so far / ((1 − objective) · total of the window); null without events in the window. */
  actual: number | null;
}

/**
 * Points every `stepMs` from the window's start (now − window) to now, the last one at now.
 * Buckets count when they start in [now − window, now), as everywhere in SLO math.
 */
export function burnDownSeries(input: {
  buckets: readonly SliBucket[];
  objective: number;
  window: SloWindow;
  now: Date;
  stepMs: number;
}): BurnDownPoint[] {
  const { objective, now, stepMs } = input;
  assertObjective(objective);
  if (!(stepMs > 0)) throw new RangeError('stepMs must be positive');
  const windowMs = SLO_WINDOWS[input.window];
  const end = now.getTime();
  const start = end - windowMs;
  const steps = Math.ceil(windowMs / stepMs);
  const badPerStep = new Array<number>(steps).fill(0);
  let total = 0;
  for (const b of input.buckets) {
    const t = b.start.getTime();
    if (t < start || t >= end) continue;
    total += b.total;
    badPerStep[Math.min(steps - 1, Math.floor((t - start) / stepMs))] += badOf(b);
  }
  const allowed = (1 - objective) * total;
  const points: BurnDownPoint[] = [{ at: new Date(start).toISOString(), ideal: 1, actual: total > 0 ? 1 : null }];
  let bad = 0;
  for (let i = 0; i < steps; i++) {
    bad += badPerStep[i];
    const at = Math.min(end, start + (i + 1) * stepMs);
    points.push({
      at: new Date(at).toISOString(),
      ideal: 1 - (at - start) / windowMs,
      actual: total > 0 ? 1 - bad / allowed : null,
    });
  }
  return points;
}
