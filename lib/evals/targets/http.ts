// The http target: an OpenAI-compatible chat endpoint (POST {baseUrl}/chat/completions). The cost
// comes from the usage tokens at the project's model prices when the model has one.
import { costAtPrice } from '@/lib/cost/compute-cost';
import type { PriceTable } from '@/lib/cost/price-table';
import { EvalConfigError, isRetryableStatus, TargetError } from '../errors';
import type { EvalCase, TargetSpec } from '../types';
import { renderTemplate } from './template';
import { abortMessage, type Target, type TargetCall } from './target';

type HttpSpec = Extract<TargetSpec, { kind: 'http' }>;

export interface HttpTargetOptions {
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
  prices?: PriceTable;
}

interface ChatAnswer {
  model?: string;
  choices?: { message?: { content?: string | null } }[];
  usage?: {
    prompt_tokens?: number;
    completion_tokens?: number;
    prompt_tokens_details?: { cached_tokens?: number } | null;
  };
  error?: { message?: string };
}

export function createHttpTarget(spec: HttpSpec, options: HttpTargetOptions): Target {
  const apiKey = spec.apiKeyEnv ? options.env[spec.apiKeyEnv] : undefined;
  if (spec.apiKeyEnv && !apiKey)
    throw new EvalConfigError(`The target's API key comes from $${spec.apiKeyEnv}, which is not set.`);
  const url = `${spec.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const doFetch = options.fetch ?? fetch;
  // The key's variable name changes no answer: left out so that renaming it keeps the cache.
  const { apiKeyEnv: _secretSource, ...identity } = spec;

  return {
    identity,
    render(evalCase: EvalCase) {
      const body: Record<string, unknown> = {
        model: spec.model,
        messages: spec.messages.map((m) => ({
          role: m.role,
          content: renderTemplate(m.content, evalCase.vars, evalCase.name),
        })),
      };
      if (spec.temperature !== undefined) body.temperature = spec.temperature;
      if (spec.maxTokens !== undefined) body.max_tokens = spec.maxTokens;
      return body;
    },
    async call(input, signal): Promise<TargetCall> {
      const started = performance.now();
      let res: Response;
      let answer: ChatAnswer | null;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
          body: JSON.stringify(input),
          signal,
        });
        answer = (await res.json().catch(() => null)) as ChatAnswer | null;
      } catch (err) {
        const aborted = abortMessage(signal);
        if (aborted) throw new TargetError(`${url} ${aborted}`, false);
        throw new TargetError(`Cannot reach ${url}: ${networkReason(err)}`, true);
      }
      const latencyMs = Math.round(performance.now() - started);
      if (!res.ok) {
        const detail = answer?.error?.message ? `: ${answer.error.message}` : '';
        throw new TargetError(
          `${url} answered ${res.status}${detail}`,
          isRetryableStatus(res.status),
          res.status,
          res.headers.get('retry-after'),
        );
      }
      const content = answer?.choices?.[0]?.message?.content;
      if (typeof content !== 'string')
        throw new TargetError(`${url} answered without choices[0].message.content.`, false, res.status);
      return { output: content, latencyMs, costUsd: costOf(answer!, spec.model, options.prices) };
    },
  };
}

/** fetch says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND…). */
function networkReason(err: unknown): string {
  const cause = (err as Error & { cause?: Error & { code?: string; errors?: (Error & { code?: string })[] } }).cause;
  return cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (err as Error).message;
}

function costOf(answer: ChatAnswer, model: string, prices: PriceTable | undefined): number | null {
  const price = prices?.priceFor(answer.model ?? model, new Date()) ?? prices?.priceFor(model, new Date());
  if (!price || !answer.usage) return null;
  return costAtPrice(price, {
    inputTokens: answer.usage.prompt_tokens,
    outputTokens: answer.usage.completion_tokens,
    cachedInputTokens: answer.usage.prompt_tokens_details?.cached_tokens,
  });
}
