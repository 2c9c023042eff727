// PLACEHOLDER until the evals-core branch is merged
// A minimal reader of eval files (JSON or YAML, inline cases, defaults applied) so that the CLI
// can be built and tested before the real reader lands; the lead replaces this file at merge.
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
  const target = raw.target as TargetSpec & { kind?: string };
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
    target: { ...target, kind: target.kind ?? ('path' in target ? 'module' : 'http') } as TargetSpec,
    cases,
    threshold: (raw.threshold as number | undefined) ?? 1,
    regressionTolerance: (raw.regressionTolerance as number | undefined) ?? 0,
    concurrency: (raw.concurrency as number | undefined) ?? 4,
    timeoutMs: (raw.timeoutMs as number | undefined) ?? 30_000,
    retries: (raw.retries as number | undefined) ?? 2,
    model: raw.model as string | undefined,
    promptVersion: raw.promptVersion as string | undefined,
    environment: (raw.environment as string | undefined) ?? 'production',
  };
}
