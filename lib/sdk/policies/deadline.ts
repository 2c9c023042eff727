// One time budget for a whole call: every step's timeout is cut to what is left of it.
import { DeadlineExceededError } from '../errors.ts';

export class Deadline {
  private readonly end: number;

  /**
   * @param budgetMs the call's overall budget; Infinity for none
   * @param now the clock (ms); injectable for tests
   */
  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.end = now() + budgetMs;
  }

  /** Milliseconds left (never negative). */
  remaining(): number {
    return Math.max(0, this.end - this.now());
  }

  get expired(): boolean {
    return this.now() >= this.end;
  }

  /** The timeout a step gets: its own, or what is left of the deadline when that is shorter. */
  stepTimeout(stepTimeoutMs: number): { timeoutMs: number; limitedByDeadline: boolean } {
    const left = this.remaining();
    return left < stepTimeoutMs
      ? { timeoutMs: left, limitedByDeadline: true }
      : { timeoutMs: stepTimeoutMs, limitedByDeadline: false };
  }

  error(): DeadlineExceededError {
    return new DeadlineExceededError(this.budgetMs);
  }
}
