// A feature's status: the one place that decides it, for every screen, API and metric (they read
// it through ./current-status.ts). A feature with SLOs takes its status from their states
// (breached, burning); one without SLOs from the error rate of its last 24 hours (failing, degraded).
import type { SloState } from '@/lib/slo/evaluate';

/** Worst first: the overview lists features in this order. */
export const FEATURE_STATUSES = [
  'killed',
  'breached',
  'failing',
  'burning',
  'degraded',
  'healthy',
  'no_traffic',
] as const;
export type FeatureStatus = (typeof FEATURE_STATUSES)[number];

/** Error-rate thresholds (errors / calls over the window), for features without SLOs. */
export const STATUS_THRESHOLDS = {
  /** At or above this share of failed calls a feature is FAILING. */
  failing: 0.05,
  /** At or above this share (and below `failing`) it is DEGRADED. */
  degraded: 0.01,
} as const;

export interface FeatureStatusInput {
  killed: boolean;
  /** Calls and errors of the overview's window (24 h). */
  calls: number;
  errors: number;
  /** States of the feature's SLOs (lib/slo/evaluate.ts); absent or empty: no SLOs defined. */
  slos?: readonly SloState[];
}

export function featureStatus(input: FeatureStatusInput): FeatureStatus {
  if (input.killed) return 'killed';
  if (input.slos && input.slos.length > 0) {
    // An SLO without data is never breached: a feature without calls shows NO TRAFFIC.
    if (input.slos.includes('breached')) return 'breached';
    if (input.slos.includes('burning')) return 'burning';
    return input.calls === 0 ? 'no_traffic' : 'healthy';
  }
  if (input.calls === 0) return 'no_traffic';
  const rate = input.errors / input.calls;
  if (rate >= STATUS_THRESHOLDS.failing) return 'failing';
  if (rate >= STATUS_THRESHOLDS.degraded) return 'degraded';
  return 'healthy';
}

export function statusRank(status: FeatureStatus): number {
  return FEATURE_STATUSES.indexOf(status);
}

/** Statuses that need someone's attention: the overview lists them first and in full. */
export function hasProblem(status: FeatureStatus): boolean {
  return status !== 'healthy' && status !== 'no_traffic';
}
