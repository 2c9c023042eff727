// One model step with its circuit breaker, timeout and retries, shared by runChain and streamChain:
// the breaker is asked before every try, each try gets min(step timeout, deadline left), and a
// retryable failure waits (backoff or Retry-After) only when the wait fits in the deadline.
import { CircuitOpenError, InvalidOutputError, isCancelledError, isInvalidOutputError } from '../errors.ts';
import type { Backoff } from '../policies/backoff.ts';
import type { BreakerRegistry } from '../policies/circuit-breaker.ts';
import { classifyError } from '../policies/classify.ts';
import type { Deadline } from '../policies/deadline.ts';
import { retryDelay } from '../policies/retry.ts';
import { sleep } from '../policies/abort.ts';
import type { Attempt } from './steps.ts';

export const DEFAULT_STEP_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 1;

export interface AttemptContext {
  breakers: BreakerRegistry;
  deadline: Deadline;
  backoff: Backoff;
  now: () => number;
  attempts: Attempt[];
  signal?: AbortSignal;
}

export interface ModelLike {
  kind: 'model' | 'stream';
  model: string;
  provider?: string;
  timeoutMs?: number;
  retries?: number;
  breaker?: boolean;
}

/** One try: `timeoutMs` is already cut to the deadline; `deadlineError` is set when the deadline cut it. */
export type TryOnce<R> = (timeoutMs: number, deadlineError: (() => Error) | undefined) => Promise<R>;

export async function runModelStep<R>(
  step: ModelLike,
  index: number,
  ctx: AttemptContext,
  once: TryOnce<R>,
  validate?: (result: R) => true | string,
): Promise<R> {
  const key = step.provider ? `${step.provider}/${step.model}` : step.model;
  const breaker = step.breaker === false ? undefined : ctx.breakers.get(key);
  const retries = step.retries ?? DEFAULT_RETRIES;
  const { deadline, now, attempts } = ctx;
  for (let attempt = 0; ; attempt++) {
    if (deadline.expired) {
      attempts.push({
        step: index,
        kind: step.kind,
        name: step.model,
        outcome: 'skipped',
        skipped: 'deadline',
        errorType: 'timeout',
        latencyMs: 0,
      });
      throw deadline.error();
    }
    if (breaker && !breaker.tryAcquire()) {
      attempts.push({
        step: index,
        kind: step.kind,
        name: step.model,
        outcome: 'skipped',
        skipped: 'circuit_open',
        errorType: 'other',
        latencyMs: 0,
      });
      throw new CircuitOpenError(key);
    }
    const t0 = now();
    const { timeoutMs, limitedByDeadline } = deadline.stepTimeout(step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS);
    try {
      const result = await once(timeoutMs, limitedByDeadline ? () => deadline.error() : undefined);
      if (validate) {
        const verdict = validate(result);
        if (verdict !== true) throw new InvalidOutputError(verdict);
      }
      breaker?.success();
      attempts.push({ step: index, kind: step.kind, name: step.model, outcome: 'ok', latencyMs: now() - t0 });
      return result;
    } catch (error) {
      const c = classifyError(error);
      attempts.push({
        step: index,
        kind: step.kind,
        name: step.model,
        outcome: 'error',
        errorType: c.type,
        error,
        latencyMs: now() - t0,
      });
      if (isCancelledError(error) || ctx.signal?.aborted) {
        breaker?.release();
        throw error;
      }
      // The model answered (a request error, an unusable answer): it is alive as far as the breaker cares.
      if (!c.fallsThrough || isInvalidOutputError(error)) breaker?.success();
      else breaker?.failure();
      if (attempt >= retries || !c.fallsThrough) throw error;
      const delay = retryDelay(c, attempt, ctx.backoff, deadline.remaining());
      if (delay === undefined) throw error;
      await sleep(delay, ctx.signal);
    }
  }
}
