// Slows down password guessing: after too many wrong passwords for one account, or from one
// client, sign-in is refused for a while, even with the right password (or the guesser would
// learn which guess was right). In-process, so each app instance counts on its own.

export interface LimitPolicy {
  /** Wrong passwords allowed within `windowMs` before the lockout starts. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const ACCOUNT_POLICY: LimitPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Looser per client: several people may sign in from behind one NAT. */
export const CLIENT_POLICY: LimitPolicy = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Entries kept at most, so a flood of made-up e-mails cannot grow memory without bound. */
const MAX_ENTRIES = 10_000;

interface Entry {
  failures: number;
  windowStart: number;
  lockedUntil: number;
}

export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: LimitPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  lockedFor(key: string): number {
    const entry = this.entries.get(key);
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0;
  }

  recordFailure(key: string): void {
    const now = this.now();
    let entry = this.entries.get(key);
    if (!entry || now - entry.windowStart > this.policy.windowMs) {
      if (!entry) this.makeRoom(now);
      entry = { failures: 0, windowStart: now, lockedUntil: entry?.lockedUntil ?? 0 };
      this.entries.set(key, entry);
    }
    entry.failures++;
    if (entry.failures >= this.policy.maxFailures) {
      entry.lockedUntil = now + this.policy.lockMs;
      entry.failures = 0;
      entry.windowStart = now;
    }
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  private makeRoom(now: number): void {
    if (this.entries.size < MAX_ENTRIES) return;
    for (const [key, entry] of this.entries) {
      if (entry.lockedUntil <= now && now - entry.windowStart > this.policy.windowMs) this.entries.delete(key);
    }
    // Still full of live entries: forget the oldest (Map keeps insertion order).
    while (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

export class TooManyAttemptsError extends Error {}

function minutes(ms: number): string {
  const n = Math.ceil(ms / 60_000);
  return n === 1 ? '1 minute' : `${n} minutes`;
}

export class LoginLimiter {
  readonly accounts: FailureLimiter;
  readonly clients: FailureLimiter;

  constructor(now: () => number = Date.now) {
    this.accounts = new FailureLimiter(ACCOUNT_POLICY, now);
    this.clients = new FailureLimiter(CLIENT_POLICY, now);
  }

  /** Throws TooManyAttemptsError (with a message for the sign-in form) while either key is locked. */
  check(email: string, client: string | null): void {
    const account = this.accounts.lockedFor(email.toLowerCase());
    if (account > 0) {
      throw new TooManyAttemptsError(`Too many wrong passwords for this account; try again in ${minutes(account)}.`);
    }
    const fromClient = client ? this.clients.lockedFor(client) : 0;
    if (fromClient > 0) {
      throw new TooManyAttemptsError(
        `Too many failed sign-ins from your address; try again in ${minutes(fromClient)}.`,
      );
    }
  }

  failed(email: string, client: string | null): void {
    this.accounts.recordFailure(email.toLowerCase());
    if (client) this.clients.recordFailure(client);
  }

  succeeded(email: string): void {
    this.accounts.clear(email.toLowerCase());
  }
}

/**
 * The client's address: the last X-Forwarded-For entry, which is the one the nearest proxy (or
 * Next.js itself, from the socket) added; entries further left are whatever the client claimed.
 */
export function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.['x-forwarded-for'];
  if (typeof forwarded !== 'string') return null;
  const last = forwarded.split(',').pop()?.trim();
  return last ? last.slice(0, 64) : null;
}

const globalStore = globalThis as unknown as { __switchboardLoginLimiter?: LoginLimiter };

/** This process's limiter; kept on globalThis so that module reloads do not reset the counts. */
export function getLoginLimiter(): LoginLimiter {
  return (globalStore.__switchboardLoginLimiter ??= new LoginLimiter());
}
