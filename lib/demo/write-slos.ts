// The demo's SLOs and cost budgets, so that a first start shows burn rates, budgets and alerts
// rather than "No SLOs". Written through applySloDocument, the path the forms and the API take,
// so they are validated and audited like any other definition.
import type { Db } from '@/db';
import { applySloDocument } from '@/lib/slo/apply-document';

const DEMO_ACTOR = { id: 'system', label: 'demo data' };

/** Per demo feature, the SLO document a team running it might keep in git. */
const DEMO_SLOS: Record<string, unknown> = {
  'support-agent': {
    slos: [
      { name: 'answers-in-10s', sli: 'latency', measure: 'total', thresholdMs: 10_000, objective: 0.95, window: '28d' },
      { name: 'answers', sli: 'availability', countFallbackAsGood: true, objective: 0.99, window: '30d' },
      { name: 'helpful', sli: 'accuracy', source: 'scores', minScore: 0.5, objective: 0.8, window: '7d' },
      { name: 'passes-evals', sli: 'accuracy', source: 'evals', objective: 0.85, window: '30d' },
    ],
    budgets: { dailyUsd: 10, monthlyUsd: 250, thresholds: [0.5, 0.8, 1] },
  },
  moderation: {
    slos: [
      { name: 'fast', sli: 'latency', measure: 'total', thresholdMs: 1_500, objective: 0.99, window: '7d' },
      { name: 'primary-up', sli: 'availability', countFallbackAsGood: false, objective: 0.995, window: '30d' },
    ],
    budgets: { dailyUsd: 1, monthlyUsd: 20, thresholds: [0.5, 0.8, 1] },
  },
  'entitlement-check': {
    slos: [
      { name: 'up', sli: 'availability', countFallbackAsGood: true, objective: 0.999, window: '30d' },
      { name: 'fast', sli: 'latency', measure: 'total', thresholdMs: 3_000, objective: 0.99, window: '30d' },
    ],
  },
  summarizer: {
    slos: [
      { name: 'first-token', sli: 'latency', measure: 'ttft', thresholdMs: 5_000, objective: 0.95, window: '28d' },
      { name: 'cheap', sli: 'cost', maxCostUsd: 0.05, objective: 0.99, window: '30d' },
      { name: 'good-summaries', sli: 'accuracy', source: 'scores', minScore: 0.7, objective: 0.8, window: '7d' },
    ],
    budgets: { dailyUsd: 8, monthlyUsd: 200, thresholds: [0.5, 0.8, 1] },
  },
  'search-rerank': {
    slos: [{ name: 'fast', sli: 'latency', measure: 'total', thresholdMs: 1_000, objective: 0.99, window: '7d' }],
  },
};

export async function writeDemoSlos(db: Db): Promise<void> {
  for (const [feature, document] of Object.entries(DEMO_SLOS)) {
    await applySloDocument(db, feature, DEMO_ACTOR, (current) => ({ ...current, ...(document as object) }));
  }
}
