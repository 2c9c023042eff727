// The SDK's typed errors. Each has a guard (`isX(err)`) that also works across bundled copies of the
// SDK, because it checks a brand rather than `instanceof`.
import type { ErrorType } from './types.ts';

const brand = Symbol.for('switchboard.sdk.error');

export abstract class SwitchboardError extends Error {
  readonly [brand] = true;
  abstract readonly code: string;
}

function is(err: unknown, code: string): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as Record<symbol, unknown>)[brand] === true &&
    (err as SwitchboardError).code === code
  );
}

/** A step did not answer within its own timeout. Its signal was aborted. */
export class TimeoutError extends SwitchboardError {
  readonly code: string = 'timeout';
  constructor(
    readonly timeoutMs: number,
    message = `Step timed out after ${timeoutMs} ms`,
  ) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** The call's overall deadline ran out (a kind of timeout: `isTimeoutError` is true for it too). */
export class DeadlineExceededError extends TimeoutError {
  override readonly code = 'deadline';
  constructor(readonly deadlineMs: number) {
    super(deadlineMs, `The call's deadline of ${deadlineMs} ms was exceeded`);
    this.name = 'DeadlineExceededError';
  }
}

/** The model's circuit breaker is open: the step was skipped without calling the model. */
export class CircuitOpenError extends SwitchboardError {
  readonly code = 'circuit_open';
  constructor(readonly key: string) {
    super(`Circuit for ${key} is open; the model was not called`);
    this.name = 'CircuitOpenError';
  }
}

/**
 * The caller cancelled through its AbortSignal. Named `AbortError` like the DOM's, so code that
 * checks `err.name === 'AbortError'` (fetch, openai) treats it the same way.
 */
export class CancelledError extends SwitchboardError {
  readonly code = 'cancelled';
  constructor(readonly reason?: unknown) {
    super('The call was cancelled by its AbortSignal');
    this.name = 'AbortError';
  }
}

/** A step's `validate` refused the model's answer. Falls through to the next step. */
export class InvalidOutputError extends SwitchboardError {
  readonly code = 'invalid_output';
  constructor(readonly reason: string) {
    super(`Invalid model output: ${reason}`);
    this.name = 'InvalidOutputError';
  }
}

/**
 * Throw it (from `call`, `validate` or your own code) when a provider's safety filter refused the
 * request. It is recorded as `content_filter` and does not fall through to another model.
 */
export class ContentFilterError extends SwitchboardError {
  readonly code = 'content_filter';
  constructor(message = 'The provider refused the content') {
    super(message);
    this.name = 'ContentFilterError';
  }
}

/** The feature's kill switch is on and the chain has no cache or rule step that could answer. */
export class KilledError extends SwitchboardError {
  readonly code = 'killed';
  constructor(
    readonly feature: string,
    readonly causes: readonly unknown[] = [],
  ) {
    super(`Feature ${feature} is killed and no cache or rule step answered`);
    this.name = 'KilledError';
  }
}

/** Every step failed or was skipped. `causes` holds each step's error, in chain order. */
export class AllStepsFailedError extends SwitchboardError {
  readonly code = 'all_failed';
  constructor(
    readonly feature: string,
    readonly causes: readonly unknown[],
    /** The error type recorded for the call (that of the last failure). */
    readonly errorType: ErrorType,
  ) {
    super(
      `Every step of ${feature} failed: ${causes.map((c) => (c instanceof Error ? c.message : String(c))).join('; ')}`,
    );
    this.name = 'AllStepsFailedError';
  }
}

export const isTimeoutError = (e: unknown): e is TimeoutError => is(e, 'timeout') || is(e, 'deadline');
export const isDeadlineExceededError = (e: unknown): e is DeadlineExceededError => is(e, 'deadline');
export const isCircuitOpenError = (e: unknown): e is CircuitOpenError => is(e, 'circuit_open');
export const isCancelledError = (e: unknown): e is CancelledError => is(e, 'cancelled');
export const isInvalidOutputError = (e: unknown): e is InvalidOutputError => is(e, 'invalid_output');
export const isContentFilterError = (e: unknown): e is ContentFilterError => is(e, 'content_filter');
export const isKilledError = (e: unknown): e is KilledError => is(e, 'killed');
export const isAllStepsFailedError = (e: unknown): e is AllStepsFailedError => is(e, 'all_failed');
