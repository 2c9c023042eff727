// The time windows of SLO math: the SLO's rolling window (7, 28 or 30 days) and the fixed
// burn-rate windows the health API reports and the alert rules read.
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@/lib/time/units';

export const SLO_WINDOWS = { '7d': 7 * DAY_MS, '28d': 28 * DAY_MS, '30d': 30 * DAY_MS } as const;
export type SloWindow = keyof typeof SLO_WINDOWS;

/** The standard burn-rate windows (SRE Workbook ch. 5), shortest first. */
export const BURN_WINDOWS = {
  '5m': 5 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS,
  '2h': 2 * HOUR_MS,
  '6h': 6 * HOUR_MS,
  '24h': DAY_MS,
  '3d': 3 * DAY_MS,
} as const;
export type BurnWindow = keyof typeof BURN_WINDOWS;
export const BURN_WINDOW_NAMES = Object.keys(BURN_WINDOWS) as BurnWindow[];
