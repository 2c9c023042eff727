// Starts a stream and waits for its first chunk under a timeout. The stream's AbortController lives
// on after the first chunk (the consumer may break out, the caller may cancel), so this does not use
// withTimeout, whose signal belongs to one promise.
import { InvalidOutputError, TimeoutError } from '../errors.ts';
import { cancelled } from '../policies/abort.ts';

export interface OpenStream<C> {
  first: C;
  iterator: AsyncIterator<C>;
  controller: AbortController;
  /** Rejects when the stream's signal aborts (caller cancel, `close`); race every `next()` with it. */
  aborted: Promise<never>;
  /** Detaches from the caller's signal. */
  detach: () => void;
}

export async function openStream<C>(
  call: (signal: AbortSignal) => AsyncIterable<C> | Promise<AsyncIterable<C>>,
  timeoutMs: number,
  timeoutError: (() => Error) | undefined,
  signal: AbortSignal | undefined,
): Promise<OpenStream<C>> {
  if (signal?.aborted) throw cancelled(signal);
  const controller = new AbortController();
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  aborted.catch(() => {}); // Observed here; callers race it and see the rejection themselves.
  const onCallerAbort = () => controller.abort(cancelled(signal!));
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  const detach = () => signal?.removeEventListener('abort', onCallerAbort);
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(
        () => controller.abort(timeoutError ? timeoutError() : new TimeoutError(timeoutMs)),
        Math.max(0, timeoutMs),
      )
    : undefined;
  let iterator: AsyncIterator<C> | undefined;
  try {
    const iterable = await Promise.race([Promise.resolve(call(controller.signal)), aborted]);
    iterator = iterable[Symbol.asyncIterator]();
    const first = await Promise.race([iterator.next(), aborted]);
    if (first.done) throw new InvalidOutputError('the stream ended before its first chunk');
    clearTimeout(timer);
    return { first: first.value, iterator, controller, aborted, detach };
  } catch (error) {
    clearTimeout(timer);
    detach();
    if (!controller.signal.aborted) controller.abort(error);
    closeQuietly(iterator);
    throw error;
  }
}

/** Asks a stream to stop (its `return`), ignoring whatever that throws. */
export function closeQuietly<C>(iterator: AsyncIterator<C> | undefined): void {
  try {
    void iterator?.return?.()?.catch?.(() => {});
  } catch {
    // A stream that throws on close is closed enough.
  }
}
