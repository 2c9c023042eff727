import type { ModelEndpoint } from '../types';

/** What the checks that call a model need (llm-rubric, similar with embeddings). */
export interface AssertionContext {
  judge?: ModelEndpoint;
  embeddings?: ModelEndpoint;
  /**
   * Where the API key variables an eval file names (apiKeyEnv) are looked up. The names come from
   * the file, so lib/env.ts cannot list them; the runner passes process.env.
   */
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}
