// Finds the price of a model at a moment: the longest model-name pattern that matches, among the
// prices already in force then (effective_from ≤ the call's time), so old calls keep old prices.

export interface ModelPrice {
  id?: number;
  provider: string;
  /** A glob over the model name, case-insensitive: `*` any characters, `?` one character. */
  modelPattern: string;
  inputPerMTok: number;
  outputPerMTok: number;
  /** Null when the provider has no cached-input discount: cached tokens cost the input price. */
  cachedInputPerMTok: number | null;
  effectiveFrom: Date;
}

interface CompiledPrice extends ModelPrice {
  regex: RegExp;
  matchesFullName: boolean;
}

/** How many distinct model names are remembered before the memo starts over. */
const MEMO_LIMIT = 5000;

export function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i');
}

/**
 * The name patterns are matched against: lower case, and without a routing prefix such as
 * `openai/` (OpenRouter, LiteLLM) or `models/` (Gemini), unless the pattern itself has a `/`.
 */
export function normalizeModelName(model: string): string {
  const name = model.trim().toLowerCase();
  return name.slice(name.lastIndexOf('/') + 1);
}

export class PriceTable {
  private readonly prices: CompiledPrice[];
  /** Model name → its matching prices, longest pattern first, then newest first. */
  private readonly memo = new Map<string, CompiledPrice[]>();

  constructor(prices: readonly ModelPrice[]) {
    this.prices = prices.map((p) => ({
      ...p,
      regex: globToRegExp(p.modelPattern),
      matchesFullName: p.modelPattern.includes('/'),
    }));
  }

  get size(): number {
    return this.prices.length;
  }

  /** The price in force for `model` at `at`, or undefined when no pattern matches. */
  priceFor(model: string, at: Date): ModelPrice | undefined {
    const time = at.getTime();
    for (const price of this.candidates(model)) if (price.effectiveFrom.getTime() <= time) return price;
    return undefined;
  }

  private candidates(model: string): CompiledPrice[] {
    let found = this.memo.get(model);
    if (found) return found;
    const full = model.trim().toLowerCase();
    const short = normalizeModelName(model);
    found = this.prices
      .filter((p) => p.regex.test(p.matchesFullName ? full : short))
      .sort(
        (a, b) =>
          b.modelPattern.length - a.modelPattern.length ||
          b.effectiveFrom.getTime() - a.effectiveFrom.getTime() ||
          a.modelPattern.localeCompare(b.modelPattern),
      );
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(model, found);
    return found;
  }
}
