// The read replica's state as the dashboards show it (docs/scaling.md); safe for the browser.

export interface ReplicaStatus {
  reachable: boolean;
  /** Seconds behind the primary; null until it first answered. */
  lagSeconds: number | null;
  /** Where dashboard reads go now: the replica, or the primary while it is away or too far behind. */
  readsFrom: 'replica' | 'primary';
}

/** From this lag on the overview says the replica is behind. */
export const REPLICA_LAG_WORTH_SHOWING_S = 5;

/** Whether the overview should say so: the replica is away, or behind by more than a few seconds. */
export function replicaWorthShowing(status: ReplicaStatus | null | undefined): status is ReplicaStatus {
  return (
    !!status && (!status.reachable || status.lagSeconds === null || status.lagSeconds >= REPLICA_LAG_WORTH_SHOWING_S)
  );
}
