// Timers for the SDK's background work (export, switch sync): they must never keep the host
// application's process alive on their own.

/** A timer that never keeps the process alive on its own. */
export function unrefTimer<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
