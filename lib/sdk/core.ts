// The SDK's call path: fallback chains, their policies and errors. lib/sdk/index.ts re-exports it.
//
//   const answer = await runChain('support-agent', [
//     model('gpt-4o', (signal) => openai.chat.completions.create(req, { signal }), { timeoutMs: 8_000, usage: openaiUsage }),
//     model('gpt-4o-mini', (signal) => openai.chat.completions.create(mini, { signal }), { usage: openaiUsage }),
//     cache(() => answers.get(key)),
//     rule('canned-reply', () => cannedReply(question)),
//   ], { deadlineMs: 15_000, signal, prompt: req.messages, userId }, deps);
//   answer.value; answer.route; // 'primary' | 'fallback' | 'cache' | 'rule' | 'killed'
//
// Decisions worth knowing:
// - Kill switch first: a killed feature runs only its cache and rule steps (route `killed`); with
//   none that answers, KilledError.
// - Falls through on timeouts, 429, 5xx, 408/409, network errors, invalid output (`validate`),
//   an open breaker, and unknown errors (availability first). Does not fall through on other 4xx
//   (400/401/403/404/422) nor on a content filter (ContentFilterError, code `content_filter`):
//   another model would refuse the same request, and routing around a safety filter is not a
//   fallback. Those are recorded and rethrown as the provider threw them.
// - Retries (default 1 per model) only on 429, 5xx, 408/409 and network errors, never on a
//   timeout; Retry-After is honoured when it fits in the deadline, else the chain moves on at once.
// - Once the deadline is spent, model steps are skipped but cache and rule steps still run: they
//   are the answer of last resort.
// - Cancelling through `signal` rejects with CancelledError (name `AbortError`) and records the
//   call once as outcome `error`, errorType `other`, metadata `{ aborted: true }` (the spend stays
//   visible and the marker keeps it apart from outages). A stream stopped by its consumer after
//   its first chunk is outcome `ok` with `{ abandoned: true }` (or `{ aborted: true }` by signal).
// - Streams: `timeoutMs` bounds the wait for the first chunk, `idleTimeoutMs` (default the same)
//   each later wait; a stall after the first chunk is a mid-stream timeout, recorded and rethrown.
// - One CallRecord per call, handed to `recorder.record` in a try/catch; nothing else on the path.
export * from './errors.ts';
export { classifyError, retryAfterMs, statusOf, type Classification } from './policies/classify.ts';
export { sleep } from './policies/abort.ts';
export { withTimeout, type TimeoutOptions } from './policies/timeout.ts';
export { Deadline } from './policies/deadline.ts';
export { exponentialBackoff, type Backoff, type BackoffOptions } from './policies/backoff.ts';
export { retry, retryDelay, type RetryOptions } from './policies/retry.ts';
export {
  BreakerRegistry,
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
  type StateListener,
} from './policies/circuit-breaker.ts';
export {
  cache,
  model,
  rule,
  streamModel,
  type Attempt,
  type AttemptOutcome,
  type CacheStep,
  type ModelOptions,
  type ModelStep,
  type RuleStep,
  type RunOptions,
  type Step,
  type StreamChainStep,
  type StreamOptions,
  type StreamStep,
  type TailStep,
  type Usage,
} from './chain/steps.ts';
export { runChain, DEFAULT_DEADLINE_MS, type ChainDeps, type ChainResult } from './chain/run-chain.ts';
export { DEFAULT_CACHE_TIMEOUT_MS } from './chain/step-loop.ts';
export { DEFAULT_RETRIES, DEFAULT_STEP_TIMEOUT_MS } from './chain/attempt.ts';
export { streamChain, type ChainStream } from './chain/stream-chain.ts';
export {
  openaiChunkText,
  openaiChunkUsage,
  openaiUsage,
  openaiValidate,
  openaiValidateJson,
  type OpenAIChunkLike,
  type OpenAICompletionLike,
} from './chain/openai.ts';
