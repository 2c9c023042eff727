// The SDK's call path: fallback chains, their policies and errors. lib/sdk/index.ts re-exports it.
export * from './errors';
export { classifyError, retryAfterMs, statusOf, type Classification } from './policies/classify';
export { sleep } from './policies/abort';
export { withTimeout, type TimeoutOptions } from './policies/timeout';
export { Deadline } from './policies/deadline';
export { exponentialBackoff, type Backoff, type BackoffOptions } from './policies/backoff';
export { retry, retryDelay, type RetryOptions } from './policies/retry';
export {
  BreakerRegistry, CircuitBreaker, type CircuitBreakerOptions, type CircuitState, type StateListener,
} from './policies/circuit-breaker';
export {
  cache, model, rule, streamModel,
  type Attempt, type AttemptOutcome, type CacheStep, type ModelOptions, type ModelStep, type RuleStep, type RunOptions,
  type Step, type StreamChainStep, type StreamOptions, type StreamStep, type TailStep, type Usage,
} from './chain/steps';
export { runChain, DEFAULT_CACHE_TIMEOUT_MS, DEFAULT_DEADLINE_MS, type ChainDeps, type ChainResult } from './chain/run-chain';
export { DEFAULT_RETRIES, DEFAULT_STEP_TIMEOUT_MS } from './chain/attempt';
export { streamChain, type ChainStream } from './chain/stream-chain';
