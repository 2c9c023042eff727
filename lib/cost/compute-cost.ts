// The cost of one call in US dollars.
//
// Token semantics follow OpenAI's usage object: `cachedInputTokens` is a SUBSET of `inputTokens`
// (prompt_tokens includes prompt_tokens_details.cached_tokens). So the uncached input is
// inputTokens − cachedInputTokens, charged at the input price, and the cached part at the cached
// price. Clients reporting Anthropic usage must add cache_read_input_tokens into inputTokens.
import type { ModelPrice, PriceTable } from './price-table';

export type CostSource = 'client' | 'price_table';

export interface Usage {
  inputTokens?: number | null;
  outputTokens?: number | null;
  cachedInputTokens?: number | null;
}

const PER_TOKEN = 1 / 1_000_000;

/** Dollars for `usage` at `price`; null when the call reported no tokens at all. */
export function costAtPrice(price: ModelPrice, usage: Usage): number | null {
  if (usage.inputTokens == null && usage.outputTokens == null) return null;
  const input = usage.inputTokens ?? 0;
  const cached = Math.min(usage.cachedInputTokens ?? 0, input);
  const cachedPrice = price.cachedInputPerMTok ?? price.inputPerMTok;
  const dollars =
    ((input - cached) * price.inputPerMTok + cached * cachedPrice + (usage.outputTokens ?? 0) * price.outputPerMTok) *
    PER_TOKEN;
  // Round off float noise (0.00023999999999999998): a millionth of a cent is far below any price.
  return Math.round(dollars * 1e12) / 1e12;
}

/**
 * The cost to store with a call: the client's own figure when it sent one, else the price table's
 * at the call's time, else unknown (no price for the model, or no token counts).
 */
export function resolveCost(
  prices: PriceTable,
  call: Usage & { model: string; at: Date; costUsd?: number | null },
): { costUsd: number | null; costSource: CostSource | null } {
  if (call.costUsd != null) return { costUsd: call.costUsd, costSource: 'client' };
  const price = prices.priceFor(call.model, call.at);
  const costUsd = price ? costAtPrice(price, call) : null;
  return costUsd === null ? { costUsd: null, costSource: null } : { costUsd, costSource: 'price_table' };
}
