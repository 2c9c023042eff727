// Per-step timeout: the step gets its own AbortSignal, aborted when the time is up or the caller's
// signal aborts; the returned promise settles at that moment even if the step ignores its signal.
import { TimeoutError } from '../errors';
import { cancelled } from './abort';

export interface TimeoutOptions {
  /** Milliseconds before the step is aborted; `Infinity` sets no timer. */
  timeoutMs: number;
  /** The error to reject with when the time is up. Default: a TimeoutError(timeoutMs). */
  error?: () => Error;
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
  const { timeoutMs, error } = typeof options === 'number' ? { timeoutMs: options, error: undefined } : options;
  if (signal?.aborted) return Promise.reject(cancelled(signal));
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = () => {
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      if (settled) return;
      finish();
      const err = cancelled(signal!);
      controller.abort(err);
      reject(err);
    };
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          if (settled) return;
          finish();
          const err = error ? error() : new TimeoutError(timeoutMs);
          controller.abort(err);
          reject(err);
        }, Math.max(0, timeoutMs))
      : undefined;
    signal?.addEventListener('abort', onAbort, { once: true });
    let result: PromiseLike<T> | T;
    try {
      result = fn(controller.signal);
    } catch (err) {
      finish();
      reject(err);
      return;
    }
    Promise.resolve(result).then(
      (value) => { if (!settled) { finish(); resolve(value); } },
      (err) => { if (!settled) { finish(); reject(err); } },
    );
  });
}
