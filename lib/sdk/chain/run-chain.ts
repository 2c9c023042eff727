// The fallback chain: kill switch first, then each step in order until one answers. Leaves exactly
// one CallRecord per call. Errors that another model would also refuse (400, 401, 403, 404, 422,
// content filter) are recorded and rethrown as they are; everything else falls through.
import { AllStepsFailedError, KilledError, isCancelledError } from '../errors.ts';
import { exponentialBackoff, type Backoff } from '../policies/backoff.ts';
import type { BreakerRegistry } from '../policies/circuit-breaker.ts';
import { classifyError } from '../policies/classify.ts';
import { Deadline } from '../policies/deadline.ts';
import { withTimeout } from '../policies/timeout.ts';
import { cancelled } from '../policies/abort.ts';
import type { CallRecorder, ErrorType, SwitchReader } from '../types.ts';
import { runModelStep, type AttemptContext } from './attempt.ts';
import { buildRecord, newCallId, routeOf, safeRecord, safeUsage, type Finish, type Served } from './record.ts';
import type { Attempt, CacheStep, RunOptions, Step, TailStep } from './steps.ts';

export const DEFAULT_DEADLINE_MS = 60_000;
export const DEFAULT_CACHE_TIMEOUT_MS = 1_000;

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

/** What every call (plain or streamed) starts with: its clock, id, kill-switch state and attempt context. */
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
  return {
    now,
    start: now(),
    startedAt: Date.now(),
    id: newCallId(options),
    signal: options.signal,
    killed: isKilled(deps.switches, feature),
    attempts,
    ctx,
  };
}

/** Runs a cache or rule step; undefined means a miss. Errors other than cancellation are misses too. */
export async function runTailStep<T>(step: TailStep<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (step.kind === 'rule') return await step.run();
  return withTimeout((s) => (step as CacheStep<T>).lookup(s), step.timeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS, signal);
}

/**
 * Runs `steps` for `feature` and returns the first answer with how it was served.
 * @throws KilledError when the feature is killed and no cache/rule step answered
 * @throws AllStepsFailedError when every step failed or was skipped
 * @throws the provider's own error when it is a request error (4xx, content filter)
 * @throws CancelledError (name `AbortError`) when `options.signal` aborts
 */
export async function runChain<T>(feature: string, steps: readonly Step<T>[], options: RunOptions, deps: ChainDeps): Promise<ChainResult<T>> {
  const { now, start, startedAt, id, signal, killed, attempts, ctx } = beginCall(feature, options, deps);
  const finish = (f: Finish) => safeRecord(deps.recorder, buildRecord(id, feature, startedAt, options, f));
  const causes: unknown[] = [];
  // The last step that ran (the error record names it) and the last failure's type.
  let at: Served | undefined;
  let lastErrorType: ErrorType = 'other';
  let firstModel = -1;

  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (signal?.aborted) break;
    const name = step.kind === 'model' ? step.model : step.name;
    if (step.kind === 'model' && firstModel < 0) firstModel = i;
    if (step.kind === 'model' && killed) {
      attempts.push({ step: i, kind: 'model', name, outcome: 'skipped', skipped: 'killed', latencyMs: 0 });
      continue;
    }
    at = { route: routeOf(step.kind, i === firstModel, killed), model: name, provider: step.kind === 'model' ? step.provider : undefined, fallbackDepth: i };
    const t0 = now();
    try {
      let value: T | undefined;
      if (step.kind === 'model') {
        value = await runModelStep(step, i, ctx, (ms, deadlineError) =>
          withTimeout(step.call, deadlineError ? { timeoutMs: ms, error: deadlineError } : ms, signal), step.validate);
      } else {
        value = await runTailStep(step, signal);
        attempts.push({ step: i, kind: step.kind, name, outcome: value === undefined ? 'miss' : 'ok', latencyMs: now() - t0 });
        if (value === undefined) continue;
      }
      const latencyMs = now() - start;
      finish({ ...at, outcome: 'ok', latencyMs, usage: step.kind === 'model' ? safeUsage(step.usage, value) : undefined });
      return { value, ...at, latencyMs, attempts, id };
    } catch (error) {
      if (isCancelledError(error) || signal?.aborted) break;
      const c = classifyError(error);
      if (step.kind !== 'model') attempts.push({ step: i, kind: step.kind, name, outcome: 'error', errorType: c.type, error, latencyMs: now() - t0 });
      causes.push(error);
      lastErrorType = c.type;
      if (step.kind === 'model' && !c.fallsThrough) {
        finish({ ...at, outcome: 'error', errorType: c.type, latencyMs: now() - start });
        throw error;
      }
    }
  }

  throw noAnswer(feature, steps, at, { killed, signal, causes, lastErrorType, latencyMs: now() - start }, finish);
}

/**
 * No step answered: records the call once, at the last step that ran (or the first model), and
 * returns what to throw — CancelledError when the caller aborted, else KilledError or AllStepsFailedError.
 */
export function noAnswer(
  feature: string,
  steps: readonly { kind: string; model?: string; name?: string }[],
  at: Served | undefined,
  call: { killed: boolean; signal?: AbortSignal; causes: unknown[]; lastErrorType: ErrorType; latencyMs: number },
  finish: (f: Finish) => void,
): Error {
  const { killed, signal, causes, lastErrorType, latencyMs } = call;
  const where: Served = at ?? { route: killed ? 'killed' : 'primary', model: firstModelName(steps), fallbackDepth: 0 };
  if (signal?.aborted) {
    // Cancelled by the caller: recorded so the spend is visible, marked so it is not read as an outage.
    finish({ ...where, outcome: 'error', errorType: 'other', latencyMs, extraMetadata: { aborted: true } });
    return cancelled(signal);
  }
  finish({ ...where, outcome: 'error', errorType: lastErrorType, latencyMs, extraMetadata: killed ? { killed: true } : undefined });
  return killed ? new KilledError(feature, causes) : new AllStepsFailedError(feature, causes, lastErrorType);
}

export function firstModelName(steps: readonly { kind: string; model?: string; name?: string }[]): string {
  const first = steps.find((s) => s.kind === 'model' || s.kind === 'stream') ?? steps[0];
  return first?.model ?? first?.name ?? 'none';
}
