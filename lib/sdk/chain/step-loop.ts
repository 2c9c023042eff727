// The step loop that runChain and streamChain share: the kill switch skips model steps (cache and
// rule steps still answer), a cache or rule miss moves on, a failure falls through to the next step
// or, for a request error, ends the call, and the caller's abort stops it. A call no step answered
// is recorded once and thrown (noAnswer). Each chain says only what an answer is.
import { AllStepsFailedError, KilledError, isCancelledError } from '../errors.ts';
import { cancelled } from '../policies/abort.ts';
import { classifyError } from '../policies/classify.ts';
import { withTimeout } from '../policies/timeout.ts';
import type { ErrorType } from '../types.ts';
import type { ModelLike } from './attempt.ts';
import { routeOf, type Finish, type Served } from './record.ts';
import type { Attempt, CacheStep, TailStep } from './steps.ts';

export const DEFAULT_CACHE_TIMEOUT_MS = 1_000;

/** The call the loop runs for (from beginCall). */
export interface LoopCall {
  feature: string;
  killed: boolean;
  signal?: AbortSignal;
  attempts: Attempt[];
  now: () => number;
  start: number;
  finish: (f: Finish) => void;
}

/** What an answer is: a model step's result (throwing falls through), or a cache or rule hit. */
export interface Answers<M, V, R> {
  model(step: M, index: number, at: Served): Promise<R>;
  hit(value: V, at: Served): R;
}

function isModel<M extends ModelLike, V>(step: M | TailStep<V>): step is M {
  return step.kind === 'model' || step.kind === 'stream';
}

/**
 * Runs `steps` in order and returns the first answer.
 * @throws what noAnswer returns when no step answered; a model's request error as it is
 */
export async function firstAnswer<M extends ModelLike, V, R>(
  steps: readonly (M | TailStep<V>)[],
  call: LoopCall,
  answers: Answers<M, V, R>,
): Promise<R> {
  const { killed, signal, attempts, now, start, finish } = call;
  const causes: unknown[] = [];
  // The last step that ran (the error record names it) and the last failure's type.
  let at: Served | undefined;
  let lastErrorType: ErrorType = 'other';
  let firstModel = -1;

  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (signal?.aborted) break;
    const name = isModel(step) ? step.model : step.name;
    if (isModel(step) && firstModel < 0) firstModel = i;
    if (isModel(step) && killed) {
      attempts.push({ step: i, kind: step.kind, name, outcome: 'skipped', skipped: 'killed', latencyMs: 0 });
      continue;
    }
    at = {
      route: routeOf(step.kind, i === firstModel, killed),
      model: name,
      provider: isModel(step) ? step.provider : undefined,
      fallbackDepth: i,
    };
    const t0 = now();
    try {
      if (isModel(step)) return await answers.model(step, i, at);
      const value = await runTailStep(step, signal);
      attempts.push({
        step: i,
        kind: step.kind,
        name,
        outcome: value === undefined ? 'miss' : 'ok',
        latencyMs: now() - t0,
      });
      if (value !== undefined) return answers.hit(value, at);
    } catch (error) {
      if (isCancelledError(error) || signal?.aborted) break;
      const c = classifyError(error);
      if (!isModel(step)) {
        attempts.push({
          step: i,
          kind: step.kind,
          name,
          outcome: 'error',
          errorType: c.type,
          error,
          latencyMs: now() - t0,
        });
      }
      causes.push(error);
      lastErrorType = c.type;
      if (isModel(step) && !c.fallsThrough) {
        finish({ ...at, outcome: 'error', errorType: c.type, latencyMs: now() - start });
        throw error;
      }
    }
  }

  throw noAnswer(call.feature, steps, at, { killed, signal, causes, lastErrorType, latencyMs: now() - start }, finish);
}

/** Runs a cache or rule step; undefined means a miss. Errors other than cancellation are misses too. */
export async function runTailStep<T>(step: TailStep<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (step.kind === 'rule') return await step.run();
  return withTimeout((s) => (step as CacheStep<T>).lookup(s), step.timeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS, signal);
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
  finish({
    ...where,
    outcome: 'error',
    errorType: lastErrorType,
    latencyMs,
    extraMetadata: killed ? { killed: true } : undefined,
  });
  return killed ? new KilledError(feature, causes) : new AllStepsFailedError(feature, causes, lastErrorType);
}

export function firstModelName(steps: readonly { kind: string; model?: string; name?: string }[]): string {
  const first = steps.find((s) => s.kind === 'model' || s.kind === 'stream') ?? steps[0];
  return first?.model ?? first?.name ?? 'none';
}
