// The contracts between the SDK's parts. lib/sdk imports nothing from the rest of the project:
// it ships inside other people's applications.

export type Route = 'primary' | 'fallback' | 'cache' | 'rule' | 'killed';
export type Outcome = 'ok' | 'error';
export type ErrorType = 'timeout' | 'rate_limit' | 'server_error' | 'network' | 'content_filter' | 'other';

export interface ChatMessage {
  role: string;
  content: string;
}

/** One call, exactly as POST /api/v1/calls takes it (docs/ingestion.md#the-call-fields). */
export interface CallRecord {
  id: string;
  feature: string;
  timestamp: string;
  model: string;
  provider?: string;
  outcome: Outcome;
  errorType?: ErrorType;
  route: Route;
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
  environment?: string;
  release?: string;
  prompt?: string | ChatMessage[];
  completion?: string;
  metadata?: Record<string, unknown>;
}

/** A score sent after its call, as POST /api/v1/scores takes it (docs/scores.md). */
export interface ScoreRecord {
  callId: string;
  /** 0 (bad) to 1 (good). */
  value: number;
  /** Default `default`; one score per call and name, a later one replaces it. */
  name?: string;
  /** Redacted before it leaves the process. */
  comment?: string;
  /** Who scored: `user`, `llm-judge`, `review`… */
  source?: string;
}

/** Where finished calls go. `record` must return at once: the call path never waits on export. */
export interface CallRecorder {
  record(call: CallRecord): void;
}

/** A feature's kill switch as the dashboard reports it (GET /api/v1/switches). */
export interface SwitchState {
  feature: string;
  killed: boolean;
  reason: string | null;
  /** ISO-8601; null when the switch has never been flipped. */
  updatedAt: string | null;
  updatedBy: string | null;
}

/** GET /api/v1/switches and the stream's `snapshot` event. */
export interface SwitchDocument {
  /** The highest flip version: every flip at or below it is in `switches`. */
  version: number;
  switches: SwitchState[];
}

/** What the call path asks about switches: answered from memory, never over the network. */
export interface SwitchReader {
  isKilled(feature: string): boolean;
  get(feature: string): SwitchState | undefined;
  /** True when the states may be out of date (the dashboard has not been reachable). */
  readonly stale: boolean;
}
