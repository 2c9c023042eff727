// PLACEHOLDER until the evals-core branch is merged
// A minimal reader of eval files as the evals-core schema writes them (target.type http|module,
// inline cases, its defaults) so that the CLI can be built and tested before the real reader lands;
// the lead replaces this file at merge.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { Assertion, AssertionType, EvalCase, EvalSet, TargetSpec } from './types';

interface RawAssertion {
  type: string;
  value?: unknown;
  threshold?: number;
  weight?: number;
}

interface RawCase {
  name?: string;
  vars?: Record<string, unknown>;
  expected?: string;
  assert?: RawAssertion[];
  weight?: number;
  threshold?: number;
}

export async function readEvalSet(filePath: string, displayName: string = filePath): Promise<EvalSet> {
  let raw: Record<string, unknown>;
  try {
    raw = parse(await fs.readFile(filePath, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`Cannot read ${displayName}: ${(err as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || typeof raw.feature !== 'string' || !raw.target || !Array.isArray(raw.cases)) {
    throw new Error(`${displayName} is not a valid eval set: it needs feature, target and cases.`);
  }
  // Written as { type: http, baseUrl, model, messages | prompt } or { type: module, path, export }.
  const written = raw.target as Record<string, unknown>;
  const target: TargetSpec =
    written.type === 'module'
      ? { kind: 'module', path: String(written.path), ...(written.export ? { exportName: String(written.export) } : {}) }
      : {
          kind: 'http',
          baseUrl: String(written.baseUrl),
          model: String(written.model),
          ...(written.apiKeyEnv ? { apiKeyEnv: String(written.apiKeyEnv) } : {}),
          messages: (written.messages as { role: 'system' | 'user' | 'assistant'; content: string }[] | undefined) ?? [{ role: 'user', content: String(written.prompt) }],
          ...(written.temperature !== undefined ? { temperature: Number(written.temperature) } : {}),
          ...(written.maxTokens !== undefined ? { maxTokens: Number(written.maxTokens) } : {}),
        };
  const cases: EvalCase[] = (raw.cases as RawCase[]).map((c, i) => ({
    name: c.name ?? `case ${i + 1}`,
    vars: c.vars ?? {},
    expected: c.expected,
    weight: c.weight ?? 1,
    threshold: c.threshold ?? 1,
    assert: (c.assert ?? []).map((a): Assertion => {
      const not = a.type.startsWith('not-');
      return { type: (not ? a.type.slice(4) : a.type) as AssertionType, not, value: a.value, threshold: a.threshold, weight: a.weight ?? 1 };
    }),
  }));
  return {
    file: path.resolve(filePath),
    feature: raw.feature,
    name: raw.name as string | undefined,
    description: raw.description as string | undefined,
    target,
    cases,
    threshold: (raw.threshold as number | undefined) ?? 0.8,
    regressionTolerance: (raw.regressionTolerance as number | undefined) ?? 0.05,
    concurrency: (raw.concurrency as number | undefined) ?? 4,
    timeoutMs: (raw.timeoutMs as number | undefined) ?? 30_000,
    retries: (raw.retries as number | undefined) ?? 3,
    model: raw.model as string | undefined,
    promptVersion: raw.promptVersion as string | undefined,
    environment: (raw.environment as string | undefined) ?? 'production',
  };
}
