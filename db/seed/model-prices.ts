// List prices of common models, seeded at start-up so costs work out of the box. Admins edit them
// on the settings page; a price change is a new row with a later effective date.
//
// Prices are US dollars per million tokens, as published by OpenAI, Anthropic, Google and Mistral
// and known to us in November 2025 (check them: they change often). `cached` is the price of
// cached input (OpenAI cached input, Anthropic cache reads, Gemini context caching); Anthropic
// cache writes and Gemini's long-context tiers (>128k/200k tokens) are not modelled.
// Where a model's price changed, both prices are listed so older calls keep the older price.
// Rows without a known start use 2023-01-01: "this price since before we track".
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { insertModelPricesIfAbsent, type NewModelPrice } from '../queries/model-prices';
import { settings } from '../schema';

/** Raise when the list below changes: instances then add the new rows (existing rows are kept). */
export const MODEL_PRICES_SEED_VERSION = 1;
const SEED_SETTING = 'seed.model_prices_version';
const SINCE_EVER = '2023-01-01';

type Seed = [provider: string, pattern: string, input: number, output: number, cached: number | null, from?: string];

const SEED: Seed[] = [
  // OpenAI
  ['openai', 'gpt-5*', 1.25, 10, 0.125, '2025-08-07'],
  ['openai', 'gpt-5-mini*', 0.25, 2, 0.025, '2025-08-07'],
  ['openai', 'gpt-5-nano*', 0.05, 0.4, 0.005, '2025-08-07'],
  ['openai', 'gpt-5-pro*', 15, 120, null, '2025-10-06'],
  ['openai', 'gpt-4.1*', 2, 8, 0.5, '2025-04-14'],
  ['openai', 'gpt-4.1-mini*', 0.4, 1.6, 0.1, '2025-04-14'],
  ['openai', 'gpt-4.1-nano*', 0.1, 0.4, 0.025, '2025-04-14'],
  ['openai', 'gpt-4o*', 5, 15, null, '2024-05-13'],
  ['openai', 'gpt-4o*', 2.5, 10, 1.25, '2024-10-02'], // the alias moved to gpt-4o-2024-08-06
  ['openai', 'gpt-4o-2024-05-13*', 5, 15, null, '2024-05-13'],
  ['openai', 'gpt-4o-mini*', 0.15, 0.6, 0.075, '2024-07-18'],
  ['openai', 'gpt-4.5*', 75, 150, 37.5, '2025-02-27'],
  ['openai', 'gpt-4-turbo*', 10, 30, null],
  ['openai', 'gpt-4*', 30, 60, null],
  ['openai', 'gpt-3.5-turbo*', 0.5, 1.5, null],
  ['openai', 'o1*', 15, 60, 7.5, '2024-09-12'],
  ['openai', 'o1-mini*', 1.1, 4.4, 0.55],
  ['openai', 'o1-pro*', 150, 600, null, '2025-03-19'],
  ['openai', 'o3*', 10, 40, 2.5, '2025-04-16'],
  ['openai', 'o3*', 2, 8, 0.5, '2025-06-10'], // the 80% price cut
  ['openai', 'o3-mini*', 1.1, 4.4, 0.55, '2025-01-31'],
  ['openai', 'o3-pro*', 20, 80, null, '2025-06-10'],
  ['openai', 'o4-mini*', 1.1, 4.4, 0.275, '2025-04-16'],
  ['openai', 'text-embedding-3-small*', 0.02, 0, null],
  ['openai', 'text-embedding-3-large*', 0.13, 0, null],
  ['openai', 'text-embedding-ada-002*', 0.1, 0, null],
  // Anthropic (cached = cache reads, a tenth of the input price)
  ['anthropic', 'claude-opus-4*', 15, 75, 1.5, '2025-05-22'],
  ['anthropic', 'claude-opus-4-5*', 5, 25, 0.5, '2025-11-24'],
  ['anthropic', 'claude-sonnet-4*', 3, 15, 0.3, '2025-05-22'],
  ['anthropic', 'claude-haiku-4-5*', 1, 5, 0.1, '2025-10-15'],
  ['anthropic', 'claude-3-7-sonnet*', 3, 15, 0.3, '2025-02-24'],
  ['anthropic', 'claude-3-5-sonnet*', 3, 15, 0.3],
  ['anthropic', 'claude-3-5-haiku*', 0.8, 4, 0.08],
  ['anthropic', 'claude-3-opus*', 15, 75, 1.5],
  ['anthropic', 'claude-3-sonnet*', 3, 15, 0.3],
  ['anthropic', 'claude-3-haiku*', 0.25, 1.25, 0.03],
  // Google (prompts up to 128k tokens for 1.5, 200k for 2.5 and 3)
  ['google', 'gemini-3-pro*', 2, 12, 0.2, '2025-11-18'],
  ['google', 'gemini-2.5-pro*', 1.25, 10, 0.31, '2025-03-25'],
  ['google', 'gemini-2.5-flash*', 0.3, 2.5, 0.075, '2025-04-17'],
  ['google', 'gemini-2.5-flash-lite*', 0.1, 0.4, 0.025, '2025-06-17'],
  ['google', 'gemini-2.0-flash*', 0.1, 0.4, 0.025],
  ['google', 'gemini-2.0-flash-lite*', 0.075, 0.3, null],
  ['google', 'gemini-1.5-pro*', 3.5, 10.5, 0.875],
  ['google', 'gemini-1.5-pro*', 1.25, 5, 0.3125, '2024-10-01'],
  ['google', 'gemini-1.5-flash*', 0.35, 1.05, 0.0875],
  ['google', 'gemini-1.5-flash*', 0.075, 0.3, 0.01875, '2024-08-12'],
  ['google', 'gemini-1.5-flash-8b*', 0.0375, 0.15, 0.01],
  // Mistral
  ['mistral', 'mistral-large*', 2, 6, null],
  ['mistral', 'mistral-medium*', 0.4, 2, null],
  ['mistral', 'mistral-small*', 0.1, 0.3, null],
  ['mistral', 'codestral*', 0.3, 0.9, null],
  ['mistral', 'ministral-8b*', 0.1, 0.1, null],
  ['mistral', 'ministral-3b*', 0.04, 0.04, null],
  ['mistral', 'mistral-nemo*', 0.15, 0.15, null],
  ['mistral', 'open-mistral-nemo*', 0.15, 0.15, null],
  ['mistral', 'pixtral-large*', 2, 6, null],
  ['mistral', 'magistral-medium*', 2, 5, null],
  ['mistral', 'magistral-small*', 0.5, 1.5, null],
];

export const MODEL_PRICE_SEED: NewModelPrice[] = SEED.map(
  ([provider, modelPattern, inputPerMTok, outputPerMTok, cachedInputPerMTok, from]) => ({
    provider,
    modelPattern,
    inputPerMTok,
    outputPerMTok,
    cachedInputPerMTok,
    effectiveFrom: new Date(`${from ?? SINCE_EVER}T00:00:00Z`),
  }),
);

/**
 * Adds the seed prices once per seed version. Rows an admin edited or added stay as they are,
 * and a seed row an admin deleted does not come back until the seed version changes.
 */
export async function seedModelPrices(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    // Serialises instances starting together; released at commit.
    await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
    const [row] = await tx
      .select({ value: settings.value })
      .from(settings)
      .where(sql`${settings.key} = ${SEED_SETTING}`);
    if (row && Number(row.value) >= MODEL_PRICES_SEED_VERSION) return 0;
    const added = await insertModelPricesIfAbsent(tx, MODEL_PRICE_SEED);
    await tx
      .insert(settings)
      .values({ key: SEED_SETTING, value: String(MODEL_PRICES_SEED_VERSION) })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: String(MODEL_PRICES_SEED_VERSION), updatedAt: new Date() },
      });
    return added;
  });
}
