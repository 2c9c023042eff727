// How fresh the read replica (DATABASE_READ_URL) is, in time. Every second the monitor notes the
// primary's WAL position together with the time just before it asked, and asks the replica how far
// it has replayed. The replica then holds every commit made before the newest noted time whose
// position it has replayed: that time is its freshness, and now minus it is its lag (to within the
// second between samples; an idle primary does not make it look behind). docs/scaling.md.
import type { Sql } from 'postgres';
import type { Db } from './client';

export interface ReplicaState {
  /** Whether the last question to the replica was answered. */
  reachable: boolean;
  /** How far behind the primary the replica is (ms); null until the first answer. */
  lagMs: number | null;
  /** Why it is not reachable, when it is not. */
  error?: string;
}

/** Position in the WAL ('16/B374D848') as a number that compares. */
export function parseLsn(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

const SAMPLE_EVERY_MS = 1_000;
/** Samples kept while the replica is behind (an hour at one a second); older ones are folded away. */
const MAX_SAMPLES = 3_600;

export class ReplicaMonitor {
  /** Primary positions, oldest first, each with the time just before it was read. */
  private samples: { at: number; lsn: bigint }[] = [];
  private fresh = -Infinity;
  private answered = false;
  private error: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly primary: Sql,
    private readonly replica: Sql,
  ) {}

  /** Samples now and then every second until stop(); resolves after the first sample. */
  async start(): Promise<void> {
    await this.sample();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Every commit on the primary before this time (ms since the epoch) is readable on the replica. */
  freshAsOf(): number {
    return this.fresh;
  }

  state(now = Date.now()): ReplicaState {
    return {
      reachable: this.answered && this.error === undefined,
      lagMs: Number.isFinite(this.fresh) ? Math.max(0, now - this.fresh) : null,
      ...(this.error ? { error: this.error } : {}),
    };
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.sample().finally(() => this.schedule()), SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  /** One round: the primary's position, then the replica's replay position. */
  async sample(): Promise<void> {
    const at = Date.now();
    try {
      const [{ lsn }] = await this.primary.unsafe<{ lsn: string }[]>('select pg_current_wal_lsn()::text as lsn');
      this.samples.push({ at, lsn: parseLsn(lsn) });
      if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    } catch {
      // The primary is away: the replica's freshness can still be judged by the samples so far.
    }
    try {
      const [row] = await this.replica.unsafe<{ recovery: boolean; replayed: string | null }[]>(
        'select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as replayed',
      );
      this.answered = true;
      this.error = undefined;
      // Not a standby (promoted, or a primary given as the read URL): it holds what it has.
      if (!row.recovery || row.replayed === null) this.advance(at, null);
      else this.advance(at, parseLsn(row.replayed));
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  /** Moves freshness to the newest sample at or below `replayed` (every sample when null). */
  private advance(askedAt: number, replayed: bigint | null): void {
    if (replayed === null) {
      this.fresh = Math.max(this.fresh, askedAt);
      this.samples = [];
      return;
    }
    let newest = -1;
    for (let i = 0; i < this.samples.length && this.samples[i].lsn <= replayed; i++) newest = i;
    if (newest < 0) return;
    this.fresh = Math.max(this.fresh, this.samples[newest].at);
    // Later samples stay: the replica has not reached them yet.
    this.samples = this.samples.slice(newest + 1);
  }
}

/** Read handles that may lag, and how fresh each is. Handles not here (the primary's) are exact. */
const freshness = new WeakMap<Db, () => number>();

export function registerLaggingHandle(db: Db, freshAsOf: () => number): void {
  freshness.set(db, freshAsOf);
}

/**
 * Every commit before this time (ms) is visible to reads through `db`: Infinity for the primary,
 * the replica's freshness for a replica handle. Take it before reading; the rollup caches keep
 * only what was read fresh enough (lib/rollups/bucket-cache.ts).
 */
export function freshAsOf(db: Db): number {
  return freshness.get(db)?.() ?? Infinity;
}
