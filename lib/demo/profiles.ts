// The demo features: what each one calls, how much, how fast, and its fallback chain.

export interface ModelStep {
  kind: 'model';
  model: string;
  provider: string;
  /** Median time to the first token (streams) or to the whole answer (non-streams). */
  firstMs: number;
  /** Per output token, for streams; 0 for non-streaming calls. */
  perTokenMs: number;
  sigma: number;
  stream: boolean;
  timeoutMs: number;
  /** Chance that a call to this model fails on an ordinary day. */
  failRate: number;
}

/** The non-LLM tail of the chain; also what serves while the feature is killed. */
export interface TailStep {
  kind: 'cache' | 'rule';
  model: string;
  /** Chance that it can answer (a cache hit; a rule that applies). */
  applies: number;
}

export type Step = ModelStep | TailStep;

export interface FeatureProfile {
  key: string;
  name: string;
  description: string;
  /** Mean production calls per hour over a week (diurnal and weekend shape applied on top). */
  callsPerHour: number;
  /** Staging traffic as a share of production. */
  stagingShare: number;
  chain: Step[];
  /** The call's overall deadline across the chain: past it the call fails with a timeout. */
  deadlineMs: number;
  inputTokens: { median: number; sigma: number };
  outputTokens: { median: number; sigma: number };
  /** Share of calls whose prompt prefix hits the provider's prompt cache, and how much of it. */
  promptCache: { share: number; fraction: number };
  /** Share of calls that get a quality score, and how: user thumbs (0/1) or a judge (0..1). */
  scores: { share: number; kind: 'thumbs' | 'judge'; good: number };
  /** Chance of a content-filter refusal (not retried on another model: a final error). */
  contentFilterRate: number;
  users: number;
  /**
   * Ordinary releases in order; `daysAgo` is when each reached production (the first one: before
   * the month). The scenario adds the releases that caused incidents.
   */
  releases: { name: string; daysAgo: number }[];
}

const model = (m: Omit<ModelStep, 'kind' | 'sigma'> & { sigma?: number }): ModelStep => ({
  kind: 'model',
  sigma: 0.35,
  ...m,
});

export const DEMO_FEATURES: FeatureProfile[] = [
  {
    key: 'support-agent',
    name: 'Support agent',
    description: 'Answers customer questions in the help widget from the help-center articles.',
    callsPerHour: 38,
    stagingShare: 0.06,
    deadlineMs: 22_000,
    chain: [
      model({
        model: 'gpt-4o',
        provider: 'openai',
        firstMs: 620,
        perTokenMs: 11,
        stream: true,
        timeoutMs: 20_000,
        failRate: 0.006,
      }),
      model({
        model: 'gpt-4o-mini',
        provider: 'openai',
        firstMs: 380,
        perTokenMs: 7,
        stream: true,
        timeoutMs: 15_000,
        failRate: 0.02,
      }),
      { kind: 'cache', model: 'cache:faq-answers', applies: 0.55 },
      { kind: 'rule', model: 'rule:handoff-to-human', applies: 1 },
    ],
    inputTokens: { median: 1850, sigma: 0.3 },
    outputTokens: { median: 210, sigma: 0.5 },
    promptCache: { share: 0.7, fraction: 0.55 },
    scores: { share: 0.06, kind: 'thumbs', good: 0.86 },
    contentFilterRate: 0.0008,
    users: 2400,
    releases: [
      { name: 'prompt-v11', daysAgo: 40 },
      { name: 'prompt-v12', daysAgo: 21 },
      { name: 'prompt-v13', daysAgo: 12 },
      { name: 'prompt-v14', daysAgo: 4 },
    ],
  },
  {
    key: 'moderation',
    name: 'Moderation',
    description: 'Screens community posts before they go live; fails closed (held for review).',
    callsPerHour: 44,
    stagingShare: 0.04,
    deadlineMs: 8_000,
    chain: [
      model({
        model: 'gpt-4o-mini',
        provider: 'openai',
        firstMs: 430,
        perTokenMs: 0,
        stream: false,
        timeoutMs: 5_000,
        failRate: 0.004,
      }),
      model({
        model: 'claude-3-5-haiku-20241022',
        provider: 'anthropic',
        firstMs: 620,
        perTokenMs: 0,
        stream: false,
        timeoutMs: 5_000,
        failRate: 0.01,
      }),
    ],
    inputTokens: { median: 340, sigma: 0.6 },
    outputTokens: { median: 14, sigma: 0.3 },
    promptCache: { share: 0, fraction: 0 },
    scores: { share: 0, kind: 'thumbs', good: 1 },
    contentFilterRate: 0,
    users: 5200,
    releases: [
      { name: 'mod-2025.2', daysAgo: 50 },
      { name: 'mod-2025.3', daysAgo: 15 },
    ],
  },
  {
    key: 'entitlement-check',
    name: 'Entitlement check',
    description: 'Decides whether a plan includes a requested capability; the plan table answers when models fail.',
    callsPerHour: 30,
    stagingShare: 0.05,
    deadlineMs: 6_000,
    chain: [
      model({
        model: 'claude-3-5-haiku-20241022',
        provider: 'anthropic',
        firstMs: 690,
        perTokenMs: 0,
        stream: false,
        timeoutMs: 4_000,
        failRate: 0.005,
      }),
      model({
        model: 'gpt-4o-mini',
        provider: 'openai',
        firstMs: 460,
        perTokenMs: 0,
        stream: false,
        timeoutMs: 4_000,
        failRate: 0.01,
      }),
      { kind: 'rule', model: 'rule:plan-table', applies: 1 },
    ],
    inputTokens: { median: 640, sigma: 0.25 },
    outputTokens: { median: 38, sigma: 0.3 },
    promptCache: { share: 0.8, fraction: 0.7 },
    scores: { share: 0, kind: 'thumbs', good: 1 },
    contentFilterRate: 0,
    users: 1800,
    releases: [
      { name: 'ent-v3', daysAgo: 45 },
      { name: 'ent-v4', daysAgo: 12 },
    ],
  },
  {
    key: 'summarizer',
    name: 'Ticket summarizer',
    description: 'Summarizes long support threads for the agent taking over a ticket.',
    callsPerHour: 14,
    stagingShare: 0.08,
    deadlineMs: 45_000,
    chain: [
      model({
        model: 'claude-sonnet-4-20250514',
        provider: 'anthropic',
        firstMs: 950,
        perTokenMs: 19,
        stream: true,
        timeoutMs: 30_000,
        failRate: 0.007,
      }),
      model({
        model: 'claude-3-5-haiku-20241022',
        provider: 'anthropic',
        firstMs: 520,
        perTokenMs: 9,
        stream: true,
        timeoutMs: 20_000,
        failRate: 0.01,
      }),
      { kind: 'rule', model: 'rule:extractive-summary', applies: 0.5 },
    ],
    inputTokens: { median: 3600, sigma: 0.55 },
    outputTokens: { median: 360, sigma: 0.35 },
    promptCache: { share: 0.5, fraction: 0.25 },
    scores: { share: 0.12, kind: 'judge', good: 0.86 },
    contentFilterRate: 0,
    users: 420,
    releases: [
      { name: 'summarizer-v12', daysAgo: 35 },
      { name: 'summarizer-v13', daysAgo: 18 },
      { name: 'summarizer-v15', daysAgo: 2 },
    ],
  },
  {
    key: 'search-rerank',
    name: 'Search rerank',
    description: 'Reorders the top 20 search results by relevance to the query.',
    callsPerHour: 30,
    stagingShare: 0.05,
    deadlineMs: 2_500,
    chain: [
      model({
        model: 'gemini-2.0-flash',
        provider: 'google',
        firstMs: 360,
        perTokenMs: 0,
        stream: false,
        timeoutMs: 1_500,
        failRate: 0.012,
        sigma: 0.3,
      }),
      model({
        model: 'mistral-small-latest',
        provider: 'mistral',
        firstMs: 420,
        perTokenMs: 0,
        stream: false,
        timeoutMs: 1_500,
        failRate: 0.015,
        sigma: 0.3,
      }),
      { kind: 'rule', model: 'rule:keep-retrieval-order', applies: 1 },
    ],
    inputTokens: { median: 1150, sigma: 0.2 },
    outputTokens: { median: 58, sigma: 0.15 },
    promptCache: { share: 0, fraction: 0 },
    scores: { share: 0, kind: 'thumbs', good: 1 },
    contentFilterRate: 0,
    users: 6000,
    releases: [
      { name: 'rerank-v7', daysAgo: 60 },
      { name: 'rerank-v8', daysAgo: 6 },
    ],
  },
];
