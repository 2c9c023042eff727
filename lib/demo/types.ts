// A call exactly as an application sends it to POST /api/v1/calls (SPEC.md §1), so the demo can
// go through the same ingestion path as real traffic.

export type CallOutcome = 'ok' | 'error';
export type CallErrorType = 'timeout' | 'rate_limit' | 'server_error' | 'network' | 'content_filter' | 'other';
export type CallRoute = 'primary' | 'fallback' | 'cache' | 'rule' | 'killed';
export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export interface ContractCall {
  id: string;
  feature: string;
  timestamp: string;
  model: string;
  provider?: string;
  outcome: CallOutcome;
  errorType?: CallErrorType;
  route: CallRoute;
  fallbackDepth: number;
  latencyMs: number;
  ttftMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  cachedInputTokens?: number;
  costUsd?: number;
  score?: number;
  userId?: string;
  sessionId?: string;
  environment: string;
  release?: string;
  prompt?: string | ChatMessage[];
  completion?: string;
  metadata?: Record<string, unknown>;
}
