// The two ways an eval run goes wrong besides failing cases: the set cannot run as written
// (configuration: exit 3 before any call), or a target call failed (that case fails with it).

/** The eval set or its target cannot run as configured; the message names the case or field. */
export class EvalConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalConfigError';
  }
}

/** A target call that failed; `retryable` for rate limits, 5xx and network errors. */
export class TargetError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** HTTP status when the target answered one. */
    readonly status?: number,
    /** The target's Retry-After header, as sent. */
    readonly retryAfter?: string | null,
  ) {
    super(message);
    this.name = 'TargetError';
  }
}

export const isRetryableStatus = (status: number) => status === 429 || status >= 500;
