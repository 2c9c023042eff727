// A circuit breaker per model: after `threshold` consecutive failures the model is skipped for
// `openMs` without being called; then one probe call is let through (half-open). Its success closes
// the circuit, its failure opens it again for another `openMs`.
import { CircuitOpenError } from '../errors.ts';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  threshold?: number;
  /** How long the circuit stays open before a probe is allowed. Default 30,000 ms. */
  openMs?: number;
  /** The clock (ms). Default Date.now. */
  now?: () => number;
  /** Named in CircuitOpenError. Default `circuit` (the registry uses its key). */
  name?: string;
}

export type StateListener = (state: CircuitState, previous: CircuitState) => void;

export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private readonly listeners = new Set<StateListener>();
  private readonly threshold: number;
  private readonly openMs: number;
  private readonly now: () => number;
  private readonly name: string;

  constructor(options: CircuitBreakerOptions = {}) {
    this.name = options.name ?? 'circuit';
    this.threshold = options.threshold ?? 5;
    this.openMs = options.openMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** The state now; an open circuit whose time is up reads as half-open. */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.openMs) return 'half-open';
    return this.current;
  }

  /**
   * Asks to make a call. True when closed; when half-open, true for exactly one caller (the probe)
   * until it reports back with `success`, `failure` or `release`.
   */
  tryAcquire(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') {
      if (this.now() - this.openedAt < this.openMs) return false;
      this.set('half-open');
    }
    if (this.probing) return false;
    this.probing = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.probing = false;
    if (this.current !== 'closed') this.set('closed');
  }

  failure(): void {
    this.failures++;
    const wasProbe = this.current === 'half-open';
    this.probing = false;
    if (wasProbe || (this.current === 'closed' && this.failures >= this.threshold)) {
      this.openedAt = this.now();
      this.set('open');
    }
  }

  /** The acquired call ended without telling anything about the model (cancelled, a 4xx request error). */
  release(): void {
    this.probing = false;
  }

  /**
   * Runs `fn` through the breaker: rejects with CircuitOpenError without calling it while open.
   * `isFailure` decides what counts against the model (default: every error).
   */
  async execute<T>(fn: () => Promise<T>, isFailure: (error: unknown) => boolean = () => true): Promise<T> {
    if (!this.tryAcquire()) throw new CircuitOpenError(this.name);
    try {
      const value = await fn();
      this.success();
      return value;
    } catch (error) {
      if (isFailure(error)) this.failure();
      else this.release();
      throw error;
    }
  }

  /** Listens to state changes; returns the function that stops listening. */
  onStateChange(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(next: CircuitState): void {
    const previous = this.current;
    this.current = next;
    for (const listener of this.listeners) {
      try {
        listener(next, previous);
      } catch {
        // A listener's bug must not break the call path.
      }
    }
  }
}

/** One breaker per key (the model, or `provider/model`), created on first use with shared options. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly listeners = new Set<(key: string, state: CircuitState, previous: CircuitState) => void>();

  constructor(private readonly options: CircuitBreakerOptions = {}) {}

  get(key: string): CircuitBreaker {
    let breaker = this.breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker({ ...this.options, name: key });
      breaker.onStateChange((state, previous) => {
        for (const listener of this.listeners) listener(key, state, previous);
      });
      this.breakers.set(key, breaker);
    }
    return breaker;
  }

  /** Every breaker's state, for a health endpoint or a log line. */
  states(): Record<string, CircuitState> {
    const out: Record<string, CircuitState> = {};
    for (const [key, breaker] of this.breakers) out[key] = breaker.state;
    return out;
  }

  /** Listens to every breaker's state changes; returns the function that stops listening. */
  onStateChange(listener: (key: string, state: CircuitState, previous: CircuitState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
