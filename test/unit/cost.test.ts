import { describe, expect, it } from 'vitest';
import { MODEL_PRICE_SEED } from '@/db/seed/model-prices';
import { costAtPrice, resolveCost } from '@/lib/cost/compute-cost';
import { globToRegExp, normalizeModelName, PriceTable, type ModelPrice } from '@/lib/cost/price-table';
import { ModelPriceSchema } from '@/lib/validations/model-price';

const price = (
  modelPattern: string,
  inputPerMTok: number,
  outputPerMTok: number,
  from: string,
  cachedInputPerMTok: number | null = null,
): ModelPrice => ({
  provider: 'test',
  modelPattern,
  inputPerMTok,
  outputPerMTok,
  cachedInputPerMTok,
  effectiveFrom: new Date(from),
});

describe('model name patterns', () => {
  it('are globs over the whole name, case-insensitive, with dots taken literally', () => {
    expect(globToRegExp('gpt-4o*').test('gpt-4o-2024-08-06')).toBe(true);
    expect(globToRegExp('gpt-4o*').test('GPT-4O')).toBe(true);
    expect(globToRegExp('gpt-4o*').test('my-gpt-4o')).toBe(false);
    expect(globToRegExp('gpt-4.1*').test('gpt-401')).toBe(false);
    expect(globToRegExp('claude-3-?-sonnet*').test('claude-3-5-sonnet-latest')).toBe(true);
  });

  it('ignore a routing prefix unless the pattern has one', () => {
    expect(normalizeModelName(' OpenAI/GPT-4o ')).toBe('gpt-4o');
    expect(normalizeModelName('models/gemini-1.5-pro-002')).toBe('gemini-1.5-pro-002');
    const table = new PriceTable([price('gpt-4o*', 1, 1, '2024-01-01'), price('azure/gpt-4o*', 2, 2, '2024-01-01')]);
    expect(table.priceFor('openrouter/gpt-4o', new Date('2025-01-01'))?.inputPerMTok).toBe(1);
    expect(table.priceFor('azure/gpt-4o', new Date('2025-01-01'))?.inputPerMTok).toBe(2);
  });
});

describe('the price table', () => {
  const table = new PriceTable([
    price('gpt-4*', 30, 60, '2023-01-01'),
    price('gpt-4o*', 5, 15, '2024-05-13'),
    price('gpt-4o*', 2.5, 10, '2024-10-02', 1.25),
    price('gpt-4o-mini*', 0.15, 0.6, '2024-07-18', 0.075),
  ]);

  it('uses the longest matching pattern', () => {
    expect(table.priceFor('gpt-4o-mini', new Date('2025-01-01'))?.modelPattern).toBe('gpt-4o-mini*');
    expect(table.priceFor('gpt-4o-2024-08-06', new Date('2025-01-01'))?.modelPattern).toBe('gpt-4o*');
    expect(table.priceFor('gpt-4-0613', new Date('2025-01-01'))?.modelPattern).toBe('gpt-4*');
    expect(table.priceFor('claude-3-opus', new Date('2025-01-01'))).toBeUndefined();
  });

  it('uses the price in force at the call time, so old calls keep old prices', () => {
    expect(table.priceFor('gpt-4o', new Date('2024-06-01'))?.inputPerMTok).toBe(5);
    expect(table.priceFor('gpt-4o', new Date('2024-10-02T00:00:00Z'))?.inputPerMTok).toBe(2.5);
    expect(table.priceFor('gpt-4o', new Date('2026-01-01'))?.inputPerMTok).toBe(2.5);
  });

  it('falls back to a shorter pattern before the longer one took effect', () => {
    expect(table.priceFor('gpt-4o', new Date('2024-01-01'))?.modelPattern).toBe('gpt-4*');
    expect(table.priceFor('gpt-4o-mini', new Date('2024-06-01'))?.modelPattern).toBe('gpt-4o*');
    expect(table.priceFor('gpt-4o', new Date('2022-01-01'))).toBeUndefined();
  });
});

describe('the cost of a call', () => {
  const p = price('m*', 2, 8, '2024-01-01', 0.5);

  it('charges cached input, a part of the input tokens, at the cached price', () => {
    // 1000 input of which 400 cached: 600 × $2 + 400 × $0.50 + 100 × $8 per million.
    expect(costAtPrice(p, { inputTokens: 1000, cachedInputTokens: 400, outputTokens: 100 })).toBe(0.0022);
  });

  it('charges cached tokens at the input price when there is no cached price', () => {
    const noCache = { ...p, cachedInputPerMTok: null };
    expect(costAtPrice(noCache, { inputTokens: 1000, cachedInputTokens: 400, outputTokens: 0 })).toBe(0.002);
  });

  it('treats a missing side as zero, and no tokens at all as unknown', () => {
    expect(costAtPrice(p, { inputTokens: 500_000 })).toBe(1);
    expect(costAtPrice(p, { outputTokens: 1_000_000 })).toBe(8);
    expect(costAtPrice(p, {})).toBeNull();
  });

  it('prefers the client cost, then the price table, else unknown', () => {
    const table = new PriceTable([p]);
    const at = new Date('2025-01-01');
    expect(resolveCost(table, { model: 'm1', at, inputTokens: 1000, costUsd: 0.5 })).toEqual({
      costUsd: 0.5,
      costSource: 'client',
    });
    expect(resolveCost(table, { model: 'm1', at, inputTokens: 1000, costUsd: 0 })).toEqual({
      costUsd: 0,
      costSource: 'client',
    });
    expect(resolveCost(table, { model: 'm1', at, inputTokens: 1000 })).toEqual({
      costUsd: 0.002,
      costSource: 'price_table',
    });
    expect(resolveCost(table, { model: 'other', at, inputTokens: 1000 })).toEqual({ costUsd: null, costSource: null });
    expect(resolveCost(table, { model: 'm1', at })).toEqual({ costUsd: null, costSource: null });
  });
});

describe('the seeded prices', () => {
  const table = new PriceTable(MODEL_PRICE_SEED);
  const now = new Date('2025-12-01');

  it('are valid for the admin form and unique per pattern and date', () => {
    for (const row of MODEL_PRICE_SEED) expect(ModelPriceSchema.safeParse(row).success, row.modelPattern).toBe(true);
    const keys = MODEL_PRICE_SEED.map((r) => `${r.modelPattern}@${r.effectiveFrom.toISOString()}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    ['gpt-4o', 2.5, 10],
    ['gpt-4o-mini-2024-07-18', 0.15, 0.6],
    ['gpt-4.1-mini', 0.4, 1.6],
    ['gpt-5', 1.25, 10],
    ['gpt-5-mini', 0.25, 2],
    ['o3', 2, 8],
    ['o3-mini', 1.1, 4.4],
    ['o4-mini', 1.1, 4.4],
    ['claude-3-5-sonnet-20241022', 3, 15],
    ['claude-3-5-haiku-latest', 0.8, 4],
    ['claude-sonnet-4-20250514', 3, 15],
    ['claude-opus-4-1-20250805', 15, 75],
    ['claude-opus-4-5', 5, 25],
    ['gemini-1.5-pro-002', 1.25, 5],
    ['gemini-2.0-flash-lite', 0.075, 0.3],
    ['gemini-2.5-flash', 0.3, 2.5],
    ['models/gemini-2.5-pro', 1.25, 10],
    ['mistral-large-latest', 2, 6],
    ['codestral-latest', 0.3, 0.9],
  ])('price %s at $%s in / $%s out', (model, input, output) => {
    const found = table.priceFor(model, now);
    expect(found?.inputPerMTok).toBe(input);
    expect(found?.outputPerMTok).toBe(output);
  });

  it('keep the launch price of gpt-4o for calls before its price cut', () => {
    expect(table.priceFor('gpt-4o', new Date('2024-08-01'))?.inputPerMTok).toBe(5);
  });
});
