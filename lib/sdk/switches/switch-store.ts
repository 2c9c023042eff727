// The switch states in memory: what the call path reads (never over the network), updated by
// the sync from snapshots and single flips, applied in version order.
import type { SwitchDocument, SwitchReader, SwitchState } from '../types.ts';

export type { SwitchDocument };

/** The stream's `switch` event: one flip with its version. */
export interface SwitchFlip extends SwitchState {
  version: number;
}

export type ChangeListener = (changed: SwitchState[]) => void;
export type StaleListener = (stale: boolean) => void;

export class SwitchStore implements SwitchReader {
  private states = new Map<string, SwitchState>();
  /** The version of the last snapshot applied. */
  private snapshotVersion = -1;
  /** Flips applied since that snapshot, by feature: newer than it. */
  private flipVersions = new Map<string, number>();
  private staleNow = true;
  private readonly changeListeners = new Set<ChangeListener>();
  private readonly staleListeners = new Set<StaleListener>();

  /** `defaultKilled` answers isKilled() for a feature the dashboard never reported. */
  constructor(private readonly defaultKilled = false) {}

  isKilled(feature: string): boolean {
    return this.states.get(feature)?.killed ?? this.defaultKilled;
  }

  get(feature: string): SwitchState | undefined {
    return this.states.get(feature);
  }

  all(): SwitchState[] {
    return [...this.states.values()];
  }

  /**
   * True until the first snapshot, and again when the dashboard has not been reachable
   * (see SwitchSync for when); the states are then the last known ones.
   */
  get stale(): boolean {
    return this.staleNow;
  }

  /** The highest version applied (-1 before any). */
  get version(): number {
    return Math.max(this.snapshotVersion, ...this.flipVersions.values());
  }

  /** The document to persist: the current states under the current version. */
  document(): SwitchDocument {
    return { version: Math.max(0, this.version), switches: this.all() };
  }

  /**
   * Replaces the states with a snapshot unless it is older than what is held. A flip newer than
   * the snapshot (it can overtake a poll) is kept.
   */
  applySnapshot(doc: SwitchDocument): boolean {
    if (doc.version < this.snapshotVersion) return false;
    const next = new Map<string, SwitchState>();
    for (const s of doc.switches) next.set(s.feature, normalize(s));
    for (const [feature, version] of this.flipVersions) {
      if (version > doc.version && this.states.has(feature)) next.set(feature, this.states.get(feature)!);
      else this.flipVersions.delete(feature);
    }
    const changed = diff(this.states, next, this.defaultKilled);
    this.states = next;
    this.snapshotVersion = doc.version;
    this.emitChange(changed);
    return true;
  }

  /** Applies one flip unless the snapshot or an earlier flip already covers its version. */
  applyFlip(flip: SwitchFlip): boolean {
    if (flip.version <= this.snapshotVersion || flip.version <= (this.flipVersions.get(flip.feature) ?? -1))
      return false;
    this.flipVersions.set(flip.feature, flip.version);
    const state = normalize(flip);
    const before = this.states.get(flip.feature);
    this.states.set(flip.feature, state);
    if (!before || !same(before, state)) this.emitChange([state]);
    return true;
  }

  setStale(stale: boolean): void {
    if (stale === this.staleNow) return;
    this.staleNow = stale;
    for (const listener of this.staleListeners) safely(() => listener(stale));
  }

  /** Called with the switches whose state changed. Returns an unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => void this.changeListeners.delete(listener);
  }

  onStaleChange(listener: StaleListener): () => void {
    this.staleListeners.add(listener);
    return () => void this.staleListeners.delete(listener);
  }

  private emitChange(changed: SwitchState[]): void {
    if (changed.length === 0) return;
    for (const listener of this.changeListeners) safely(() => listener(changed));
  }
}

function normalize(s: SwitchState): SwitchState {
  return {
    feature: s.feature,
    killed: s.killed === true,
    reason: s.reason ?? null,
    updatedAt: s.updatedAt ?? null,
    updatedBy: s.updatedBy ?? null,
  };
}

function same(a: SwitchState, b: SwitchState): boolean {
  return a.killed === b.killed && a.reason === b.reason && a.updatedAt === b.updatedAt && a.updatedBy === b.updatedBy;
}

/** States that are new or different in `next`; a feature that disappeared falls back to the default. */
function diff(before: Map<string, SwitchState>, next: Map<string, SwitchState>, defaultKilled: boolean): SwitchState[] {
  const changed: SwitchState[] = [];
  for (const [feature, state] of next) {
    const old = before.get(feature);
    if (!old || !same(old, state)) changed.push(state);
  }
  for (const [feature, old] of before) {
    if (!next.has(feature)) changed.push({ ...old, killed: defaultKilled, reason: null });
  }
  return changed;
}

/** A throwing listener must not break the sync or the other listeners. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // the listener's own problem
  }
}
