// Per-step timeout: the step gets its own AbortSignal, aborted when the time is up or the caller's
// signal aborts; the returned promise settles at that moment even if the step ignores its signal.
// It sits on every model call, so it allocates one object and no per-call named closures.
import { TimeoutError } from '../errors.ts';
import { cancelled } from './abort.ts';

export interface TimeoutOptions {
  /** Milliseconds before the step is aborted; `Infinity` sets no timer. */
  timeoutMs: number;
  /** The error to reject with when the time is up. Default: a TimeoutError(timeoutMs). */
  error?: () => Error;
}

class TimedCall<T> {
  readonly controller = new AbortController();
  timer: Parameters<typeof clearTimeout>[0];
  settled = false;
  resolve!: (value: T) => void;
  reject!: (error: unknown) => void;

  constructor(
    readonly timeoutMs: number,
    readonly error: (() => Error) | undefined,
    readonly signal: AbortSignal | undefined,
  ) {}

  /** The caller's signal aborted (this object is its listener). */
  handleEvent(): void {
    this.fail(cancelled(this.signal!), true);
  }

  succeed(value: T): void {
    if (this.settled) return;
    this.finish();
    this.resolve(value);
  }

  fail(error: unknown, abort: boolean): void {
    if (this.settled) return;
    this.finish();
    if (abort) this.controller.abort(error);
    this.reject(error);
  }

  private finish(): void {
    this.settled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this);
  }
}

function onTimeout<T>(call: TimedCall<T>): void {
  call.fail(call.error ? call.error() : new TimeoutError(call.timeoutMs), true);
}

/**
 * Runs `fn` with a signal that aborts after `timeoutMs` or when `signal` aborts.
 * Rejects with a TimeoutError (or `options.error()`) on time-out, with a CancelledError on abort.
 */
export function withTimeout<T>(
  fn: (signal: AbortSignal) => PromiseLike<T> | T,
  options: TimeoutOptions | number,
  signal?: AbortSignal,
): Promise<T> {
  if (signal?.aborted) return Promise.reject(cancelled(signal));
  const timeoutMs = typeof options === 'number' ? options : options.timeoutMs;
  const call = new TimedCall<T>(timeoutMs, typeof options === 'number' ? undefined : options.error, signal);
  return new Promise<T>((resolve, reject) => {
    call.resolve = resolve;
    call.reject = reject;
    if (Number.isFinite(timeoutMs)) call.timer = setTimeout(onTimeout, Math.max(0, timeoutMs), call);
    signal?.addEventListener('abort', call, { once: true });
    let result: PromiseLike<T> | T;
    try {
      result = fn(call.controller.signal);
    } catch (err) {
      call.fail(err, false);
      return;
    }
    Promise.resolve(result).then(
      (value) => call.succeed(value),
      (err) => call.fail(err, false),
    );
  });
}
