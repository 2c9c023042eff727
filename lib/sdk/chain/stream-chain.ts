// The fallback chain for streamed answers. A step that fails before its first chunk falls through
// like in runChain; once a chunk has reached the caller the answer is that step's, so a later failure
// is recorded as an error of that route and rethrown, never continued by another model.
import { CancelledError, TimeoutError, isCancelledError } from '../errors.ts';
import { classifyError } from '../policies/classify.ts';
import type { ErrorType } from '../types.ts';
import { DEFAULT_STEP_TIMEOUT_MS, runModelStep } from './attempt.ts';
import { closeQuietly, openStream, type OpenStream } from './open-stream.ts';
import { safeUsage, type Served } from './record.ts';
import { beginCall, type ChainDeps } from './run-chain.ts';
import { firstAnswer } from './step-loop.ts';
import type { Attempt, RunOptions, StreamChainStep, StreamStep, Usage } from './steps.ts';

/**
 * The answering stream, with how it is served. Iterate it once (or call `cancel()`): the call is
 * recorded when the stream ends, fails, or is abandoned, and a stream never read is never recorded.
 */
export interface ChainStream<C> extends AsyncIterable<C>, Served {
  /** Time from the call's start to the first chunk. */
  ttftMs: number;
  attempts: Attempt[];
  id: string;
  /** Stops the stream (aborting the model's signal) and records the call; for a stream you will not finish. */
  cancel(): void;
}

function abortStalled(controller: AbortController, idleMs: number): void {
  controller.abort(new TimeoutError(idleMs, `The stream sent nothing for ${idleMs} ms`));
}

/**
 * Runs the stream chain until one step delivers a first chunk and returns the stream from there.
 * Cache and rule steps answer with one chunk. Throws like runChain when no step delivers a chunk.
 */
export async function streamChain<C>(
  feature: string,
  steps: readonly StreamChainStep<C>[],
  options: RunOptions,
  deps: ChainDeps,
): Promise<ChainStream<C>> {
  const call = beginCall(feature, options, deps);
  const { now, start, id, signal, attempts, ctx, finish } = call;
  return firstAnswer(steps, call, {
    async model(step, i, at) {
      const opened = await runModelStep(step, i, ctx, (ms, deadlineError) =>
        openStream(step.call, ms, deadlineError, signal),
      );
      return serve(opened.first, opened, step, at);
    },
    hit: (value, at) => serve(value, undefined, undefined, at),
  });

  function serve(
    first: C,
    opened: OpenStream<C> | undefined,
    step: StreamStep<C> | undefined,
    served: Served,
  ): ChainStream<C> {
    const ttftMs = now() - start;
    const usage: Usage = {};
    let text: string | undefined;
    let recorded = false;
    let started = false;
    const end = (outcome: 'ok' | 'error', errorType?: ErrorType, extraMetadata?: Record<string, unknown>) => {
      if (recorded) return;
      recorded = true;
      opened?.detach();
      if (text !== undefined) usage.completion = text; // For streams the accumulated text is the completion.
      finish({ ...served, outcome, errorType, latencyMs: now() - start, ttftMs, usage, extraMetadata });
    };
    const observe = (chunk: C) => {
      if (!step) return;
      const u = safeUsage(step.usage, chunk);
      if (u) Object.assign(usage, u);
      if (step.text) {
        try {
          const t = step.text(chunk);
          if (t) text = (text ?? '') + t;
        } catch {
          // A broken text reader costs the record its completion, not the caller its answer.
        }
      }
    };
    async function* chunks(): AsyncGenerator<C> {
      started = true;
      let completed = false;
      try {
        observe(first);
        yield first;
        const idleMs = step?.idleTimeoutMs ?? step?.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
        while (opened) {
          // A stalled stream is aborted like a slow first chunk would be (the wait is re-armed per chunk).
          const stall = Number.isFinite(idleMs)
            ? setTimeout(abortStalled, idleMs, opened.controller, idleMs)
            : undefined;
          let r: IteratorResult<C>;
          try {
            r = await Promise.race([opened.iterator.next(), opened.aborted]);
          } finally {
            clearTimeout(stall);
          }
          if (r.done) break;
          observe(r.value);
          yield r.value;
        }
        completed = true;
        end('ok');
      } catch (error) {
        if (isCancelledError(error) || signal?.aborted) {
          end('ok', undefined, { aborted: true }); // The caller stopped an answer already under way.
        } else {
          end('error', classifyError(error).type);
          if (step) deps.breakers.get(step.provider ? `${step.provider}/${step.model}` : step.model).failure();
        }
        throw error;
      } finally {
        if (!completed) {
          end('ok', undefined, { abandoned: true }); // The consumer broke out of its loop.
          if (opened && !opened.controller.signal.aborted)
            opened.controller.abort(new CancelledError('consumer stopped'));
          closeQuietly(opened?.iterator);
        }
      }
    }
    let generator: AsyncGenerator<C> | undefined;
    return {
      ...served,
      ttftMs,
      attempts,
      id,
      [Symbol.asyncIterator]: () => (generator ??= chunks()),
      cancel() {
        if (opened && !opened.controller.signal.aborted) opened.controller.abort(new CancelledError('cancelled'));
        if (!started) {
          end('ok', undefined, { abandoned: true });
          closeQuietly(opened?.iterator);
        }
      },
    };
  }
}
