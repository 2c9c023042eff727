// Realistic call rows for the benchmarks: 50 features with their own models, token sizes and error
// rates; diurnal and weekly traffic; lognormal latency; error bursts; mostly primary routes. Seeded,
// so a run with the same seed produces the same shape (ids are random UUIDs all the same).
import { createRequire } from 'node:module';

// The project's .ts files are CommonJS: required, they resolve their own imports (see switch-propagation.mts).
const require = createRequire(import.meta.url);
const { createRng } = require('../../lib/demo/prng.ts') as typeof import('../../lib/demo/prng.ts');

/** The demo's seeded source (mulberry32, lib/demo/prng.ts) as a plain function: Math.random cannot be seeded. */
export function prng(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.next();
}

/** Standard normal by Box-Muller. */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function lognormal(random: () => number, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

/** Picks an index by cumulative weights. */
export function pick(random: () => number, cumulative: number[]): number {
  const r = random() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function cumulate(weights: number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

interface Model {
  name: string;
  provider: string;
  /** USD per million tokens, as the seeded price table has them (approximately). */
  input: number;
  output: number;
  medianMs: number;
}

const MODELS: Model[] = [
  { name: 'gpt-4o-mini', provider: 'openai', input: 0.15, output: 0.6, medianMs: 700 },
  { name: 'gpt-4o', provider: 'openai', input: 2.5, output: 10, medianMs: 1400 },
  { name: 'claude-3-5-sonnet-20241022', provider: 'anthropic', input: 3, output: 15, medianMs: 1600 },
  { name: 'claude-3-5-haiku-20241022', provider: 'anthropic', input: 0.8, output: 4, medianMs: 800 },
  { name: 'gemini-1.5-flash', provider: 'google', input: 0.075, output: 0.3, medianMs: 600 },
];

const NAMES = [
  'support-agent',
  'search-summary',
  'ticket-triage',
  'code-review',
  'email-draft',
  'product-qa',
  'sql-assist',
  'translate',
  'moderation',
  'onboarding-chat',
];

export interface Feature {
  key: string;
  primary: Model;
  fallback: Model;
  inputMedian: number;
  outputMedian: number;
  errorRate: number;
  release: string;
}

export function makeFeatures(random: () => number, count = 50): Feature[] {
  return Array.from({ length: count }, (_, i) => {
    const primary = MODELS[i % MODELS.length];
    return {
      key: `${NAMES[i % NAMES.length]}-${Math.floor(i / NAMES.length) + 1}`,
      primary,
      fallback: MODELS[(i + 2) % MODELS.length],
      inputMedian: 300 + Math.floor(random() * 2500),
      outputMedian: 80 + Math.floor(random() * 500),
      errorRate: 0.01 + random() * 0.02,
      release: `prompt-v${1 + Math.floor(random() * 20)}`,
    };
  });
}

/** Zipf-like popularity: a few features carry most of the traffic. */
export function featureWeights(count: number): number[] {
  return cumulate(Array.from({ length: count }, (_, i) => 1 / Math.pow(i + 1, 0.8)));
}

/** Relative traffic of each hour of the window: a day curve peaking mid-afternoon UTC, quieter weekends. */
export function hourWeights(start: Date, hours: number): number[] {
  return Array.from({ length: hours }, (_, h) => {
    const at = new Date(start.getTime() + h * 3_600_000);
    const day = 0.25 + 0.75 * Math.pow(Math.sin((Math.PI * (at.getUTCHours() + 0.5 - 2)) / 24) ** 2, 1.5);
    const weekend = at.getUTCDay() === 0 || at.getUTCDay() === 6 ? 0.55 : 1;
    return day * weekend;
  });
}

export interface Burst {
  feature: number;
  from: number;
  to: number;
  errorRate: number;
}

/** Incidents: a feature fails a lot for 10-60 minutes, a few dozen times in the window. */
export function makeBursts(random: () => number, startMs: number, endMs: number, features: number): Burst[] {
  return Array.from({ length: 40 }, () => {
    const from = startMs + random() * (endMs - startMs);
    return {
      feature: Math.floor(random() * Math.min(features, 20)),
      from,
      to: from + (10 + random() * 50) * 60_000,
      errorRate: 0.2 + random() * 0.5,
    };
  });
}

export const ERROR_TYPES = cumulate([35, 25, 25, 10, 3, 2]);
export const ERROR_TYPE_NAMES = ['timeout', 'rate_limit', 'server_error', 'network', 'content_filter', 'other'];
export const ROUTES = cumulate([90, 5, 3, 1, 1]);
export const ROUTE_NAMES = ['primary', 'fallback', 'cache', 'rule', 'killed'];
export const ENVIRONMENTS = cumulate([92, 6, 2]);
export const ENVIRONMENT_NAMES = ['production', 'staging', 'development'];
