// The fallback chain: kill switch first, then each step in order until one answers. Leaves exactly
// one CallRecord per call. Errors that another model would also refuse (400, 401, 403, 404, 422,
// content filter) are recorded and rethrown as they are; everything else falls through.
import { exponentialBackoff, type Backoff } from '../policies/backoff.ts';
import type { BreakerRegistry } from '../policies/circuit-breaker.ts';
import { Deadline } from '../policies/deadline.ts';
import { withTimeout } from '../policies/timeout.ts';
import type { CallRecorder, SwitchReader } from '../types.ts';
import { runModelStep, type AttemptContext } from './attempt.ts';
import { buildRecord, newCallId, safeRecord, safeUsage, type Finish, type Served } from './record.ts';
import { firstAnswer } from './step-loop.ts';
import type { Attempt, RunOptions, Step, Usage } from './steps.ts';

export const DEFAULT_DEADLINE_MS = 60_000;

export interface ChainDeps {
  switches: SwitchReader;
  recorder: CallRecorder;
  breakers: BreakerRegistry;
  /** Monotonic clock in ms for latencies and the deadline. Default performance.now. */
  now?: () => number;
  /** Backoff between retries. Default exponentialBackoff() (200 ms doubling, capped at 5 s, jittered). */
  backoff?: Backoff;
}

export interface ChainResult<T> extends Served {
  value: T;
  latencyMs: number;
  attempts: Attempt[];
  /** The CallRecord's id, e.g. to attach a score to the call later. */
  id: string;
}

const defaultNow = () => performance.now();
const defaultBackoff = exponentialBackoff();

export function isKilled(switches: SwitchReader, feature: string): boolean {
  try {
    return switches.isKilled(feature);
  } catch {
    return false; // A broken reader must not take the feature down with it.
  }
}

/** What every call (plain or streamed) starts with: its clock, id, kill-switch state, attempt context and record. */
export function beginCall(feature: string, options: RunOptions, deps: ChainDeps) {
  const now = deps.now ?? defaultNow;
  const attempts: Attempt[] = [];
  const ctx: AttemptContext = {
    breakers: deps.breakers,
    deadline: new Deadline(options.deadlineMs ?? DEFAULT_DEADLINE_MS, now),
    backoff: deps.backoff ?? defaultBackoff,
    now,
    attempts,
    signal: options.signal,
  };
  const id = newCallId(options);
  const startedAt = Date.now();
  return {
    feature,
    now,
    start: now(),
    id,
    signal: options.signal,
    killed: isKilled(deps.switches, feature),
    attempts,
    ctx,
    /** Records the call: every call is recorded exactly once. */
    finish: (f: Finish) => safeRecord(deps.recorder, buildRecord(id, feature, startedAt, options, f)),
  };
}

/**
 * Runs `steps` for `feature` and returns the first answer with how it was served.
 * @throws KilledError when the feature is killed and no cache/rule step answered
 * @throws AllStepsFailedError when every step failed or was skipped
 * @throws the provider's own error when it is a request error (4xx, content filter)
 * @throws CancelledError (name `AbortError`) when `options.signal` aborts
 */
export async function runChain<T>(
  feature: string,
  steps: readonly Step<T>[],
  options: RunOptions,
  deps: ChainDeps,
): Promise<ChainResult<T>> {
  const call = beginCall(feature, options, deps);
  const { now, start, id, signal, attempts, ctx, finish } = call;
  const answer = (value: T, at: Served, usage: Usage | undefined): ChainResult<T> => {
    const latencyMs = now() - start;
    finish({ ...at, outcome: 'ok', latencyMs, usage });
    return { value, ...at, latencyMs, attempts, id };
  };
  return firstAnswer(steps, call, {
    async model(step, i, at) {
      const value = await runModelStep(
        step,
        i,
        ctx,
        (ms, deadlineError) =>
          withTimeout(step.call, deadlineError ? { timeoutMs: ms, error: deadlineError } : ms, signal),
        step.validate,
      );
      return answer(value, at, safeUsage(step.usage, value));
    },
    hit: (value, at) => answer(value, at, undefined),
  });
}
