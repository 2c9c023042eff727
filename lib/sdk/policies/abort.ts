// Small AbortSignal helpers shared by the policies. Listeners are always removed when a step ends,
// so a long-lived caller signal does not collect one listener per call.
import { CancelledError } from '../errors.ts';

/** The error a cancelled call rejects with: the signal's reason when it is an Error, else CancelledError. */
export function cancelled(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof CancelledError ? reason : new CancelledError(reason);
}

/**
 * Waits `ms`, or rejects with a CancelledError as soon as `signal` aborts.
 * @param ms milliseconds to wait; 0 or less resolves on the next timer tick
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelled(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled(signal!));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
