// The features the live demo drives, each with the chain an application would give it: a primary
// model, a smaller fallback, then a cache and/or a rule. Names match the seeded demo month, so
// live calls land on the same dashboard rows. Timeouts are short so that faults show within seconds.
import type { Body } from '@/lib/demo/bodies';

export interface TrafficModel {
  model: string;
  provider: string;
  timeoutMs: number;
}

export interface TrafficFeature {
  key: string;
  /** Whose sample prompts it sends (lib/demo/bodies), when not its own key's. */
  prompts?: string;
  /** Relative share of the calls. */
  weight: number;
  /** Streamed answers (time to first token matters). */
  stream: boolean;
  /** Asks for JSON and treats output that does not parse as invalid (falls through). */
  json: boolean;
  deadlineMs: number;
  maxTokens: number;
  release: string;
  /** Primary first, then the fallback. */
  models: [TrafficModel, TrafficModel];
  /** A cache of earlier answers that holds this share of the prompts. */
  cache?: { name: string; hitRate: number };
  /** The last resort: answers without a model. */
  rule?: { name: string; answer: (body: Body) => string };
}

const firstSentence = (text: string) => text.split(/(?<=[.!?])\s/)[0];
const promptText = (body: Body) =>
  typeof body.prompt === 'string' ? body.prompt : body.prompt.map((m) => m.content).join('\n');

export const TRAFFIC_FEATURES: TrafficFeature[] = [
  {
    key: 'support-agent',
    weight: 3,
    stream: true,
    json: false,
    deadlineMs: 8_000,
    maxTokens: 300,
    release: 'prompt-v14',
    models: [
      { model: 'gpt-4o', provider: 'openai', timeoutMs: 3_000 },
      { model: 'gpt-4o-mini', provider: 'openai', timeoutMs: 2_500 },
    ],
    cache: { name: 'cache:faq-answers', hitRate: 0.55 },
    rule: {
      name: 'rule:handoff-to-human',
      answer: () => 'I am handing you over to a member of our support team; they will reply here shortly.',
    },
  },
  {
    key: 'moderation',
    weight: 3,
    stream: false,
    json: true,
    deadlineMs: 5_000,
    maxTokens: 60,
    release: 'mod-2025.3',
    models: [
      { model: 'gpt-4o-mini', provider: 'openai', timeoutMs: 2_000 },
      { model: 'claude-3-5-haiku-20241022', provider: 'anthropic', timeoutMs: 2_000 },
    ],
    // Fails closed: without a model the post is held for a person to review.
    rule: { name: 'rule:hold-for-review', answer: () => '{"label":"review","categories":[]}' },
  },
  {
    key: 'entitlement-check',
    weight: 2,
    stream: false,
    json: true,
    deadlineMs: 4_000,
    maxTokens: 80,
    release: 'ent-v4',
    models: [
      { model: 'claude-3-5-haiku-20241022', provider: 'anthropic', timeoutMs: 1_500 },
      { model: 'gpt-4o-mini', provider: 'openai', timeoutMs: 1_500 },
    ],
    // The plan table knows the answer; the model is there for the phrasing.
    rule: {
      name: 'rule:plan-table',
      answer: (body) => body.completion ?? '{"allowed":false,"reason":"Unknown plan."}',
    },
  },
  {
    key: 'summarizer',
    weight: 1,
    stream: true,
    json: false,
    deadlineMs: 12_000,
    maxTokens: 400,
    release: 'summarizer-v15',
    models: [
      { model: 'claude-sonnet-4-20250514', provider: 'anthropic', timeoutMs: 5_000 },
      { model: 'claude-3-5-haiku-20241022', provider: 'anthropic', timeoutMs: 4_000 },
    ],
    rule: {
      name: 'rule:extractive-summary',
      answer: (body) => firstSentence(promptText(body).split('\n\n').at(-1) ?? ''),
    },
  },
];

/** Every model the catalog calls, for fault baselines and the chaos schedule. */
export const TRAFFIC_MODELS = [...new Set(TRAFFIC_FEATURES.flatMap((f) => f.models.map((m) => m.model)))];
