// What the runner needs from a target, whichever kind it is.
import type { EvalCase } from '../types';

export interface TargetCall {
  output: string;
  latencyMs: number;
  costUsd: number | null;
}

export interface Target {
  /** Identifies the target's answers in the cache: its spec without secrets. */
  readonly identity: unknown;
  /** The input for a case as the target receives it; throws EvalConfigError when it cannot be built. */
  render(evalCase: EvalCase): unknown;
  /** One attempt; throws TargetError when the target fails. */
  call(input: unknown, signal: AbortSignal): Promise<TargetCall>;
}

/** An abort from the per-case timeout, told apart from a run that was stopped. */
export function abortMessage(signal: AbortSignal): string | undefined {
  const reason = signal.reason as Error | undefined;
  if (!signal.aborted) return undefined;
  return reason?.name === 'TimeoutError' ? 'timed out' : `aborted (${reason?.message ?? 'stopped'})`;
}

/**
 * What a module returns or an exec target writes: a string is the output; `{ output, costUsd? }`
 * gives it (not a string: as JSON) with its cost. Undefined for anything else.
 */
export function answerOf(value: unknown): { output: string; costUsd: number | null } | undefined {
  if (typeof value === 'string') return { output: value, costUsd: null };
  if (value && typeof value === 'object' && 'output' in value) {
    const { output, costUsd } = value as { output: unknown; costUsd?: unknown };
    return {
      output: typeof output === 'string' ? output : JSON.stringify(output),
      costUsd: typeof costUsd === 'number' && costUsd >= 0 ? costUsd : null,
    };
  }
  return undefined;
}
