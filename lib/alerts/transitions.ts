// Which alerts to open and which to resolve, from what fires now and what is stored as firing.
// Pure: the evaluator stores the answer in one transaction and notifies the webhooks.
import type { AlertCandidate } from './candidates';

export interface StoredFiringAlert {
  id: number | string;
  fingerprint: string;
  feature: string;
}

export interface AlertTransitions {
  /** Fire now, none stored with that fingerprint: insert as firing (one per fingerprint). */
  open: AlertCandidate[];
  /** Stored as firing, no longer fire: mark resolved. */
  resolve: StoredFiringAlert[];
  /** Stored as firing and still fire: keep (the candidate carries the latest numbers). */
  keep: { alert: StoredFiringAlert; candidate: AlertCandidate }[];
}

/**
 * Only features in `evaluatedFeatures` (and those of the candidates) are decided on: a stored
 * alert of another feature (not evaluated this round) stays as it is. Within them, a stored alert whose condition is gone —
 * including one whose SLO or budget was deleted — resolves. Candidates with the same
 * fingerprint count once (the first); a second stored alert with a fingerprint already kept
 * (a duplicate) resolves.
 */
export function planAlertTransitions(input: {
  firing: readonly AlertCandidate[];
  stored: readonly StoredFiringAlert[];
  evaluatedFeatures: Iterable<string>;
}): AlertTransitions {
  const evaluated = new Set(input.evaluatedFeatures);
  const now = new Map<string, AlertCandidate>();
  for (const c of input.firing) {
    evaluated.add(c.feature);
    if (!now.has(c.fingerprint)) now.set(c.fingerprint, c);
  }

  const out: AlertTransitions = { open: [], resolve: [], keep: [] };
  const kept = new Set<string>();
  for (const alert of input.stored) {
    if (!evaluated.has(alert.feature)) {
      kept.add(alert.fingerprint);
      continue;
    }
    const candidate = now.get(alert.fingerprint);
    if (candidate && !kept.has(alert.fingerprint)) {
      out.keep.push({ alert, candidate });
      kept.add(alert.fingerprint);
    } else out.resolve.push(alert);
  }
  for (const [fingerprint, c] of now) if (!kept.has(fingerprint)) out.open.push(c);
  return out;
}
