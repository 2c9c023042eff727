// The eval-run API against the running app and a real database: CI's upload (validated, counted
// by the server, stored in one go), the reads, the baseline, and the accuracy SLO reading the runs.
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, evalResults, evalRuns, features } from '@/db/schema';
import { evalResult, evalRun, postEvalRun, uploadEvalRun } from '../support/evals';
import { getHealth, putSloDocument } from '../support/slo-traffic';
import { createFeature } from '../support/switches';
import { baseUrl, createTestKey, testDatabase } from '../support/system';

let readKey: string;
let configKey: string;
let evalsKey: string;
beforeAll(async () => {
  [readKey, configKey, evalsKey] = await Promise.all([
    createTestKey(['read'], 'evals-reader'),
    createTestKey(['config:write'], 'evals-config'),
    createTestKey(['evals:write'], 'evals-writer'),
  ]);
});

let counter = 0;
const uniqueFeature = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${counter++}`;
const get = (path: string, key = readKey) =>
  fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${key}` } });
const markBaseline = (id: number, key = configKey) =>
  fetch(`${baseUrl()}/api/v1/eval-runs/${id}/baseline`, { method: 'PUT', headers: { authorization: `Bearer ${key}` } });

async function auditOf(runId: number) {
  const { db } = await testDatabase();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'eval_run'), eq(auditLog.targetId, String(runId))))
    .orderBy(asc(auditLog.id));
}

describe('POST /api/v1/eval-runs', () => {
  it('stores the run and every result, counts total, passed and the weighted pass rate itself, and audits the upload', async () => {
    const feature = uniqueFeature('evals-new');
    const run = evalRun(
      feature,
      [
        evalResult('refund-policy', true, { weight: 3, vars: { question: 'Can I get a refund?', locale: 'en' } }),
        evalResult('greeting', false, { error: 'timed out after 30000 ms', output: null, latencyMs: null }),
        evalResult('greeting', true, { repeat: 1 }),
      ],
      {
        name: 'nightly',
        gitCommit: 'ABCDEF1234567',
        gitBranch: 'main',
        model: 'gpt-4o-mini',
        promptVersion: 'v7',
        environment: 'staging',
      },
    );
    const res = await postEvalRun(run, evalsKey);
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json();
    // Weights 3, 1, 1; the failed one weighs 1: 4 / 5.
    expect(body).toEqual({
      id: expect.any(Number),
      url: `${baseUrl()}/evals/runs/${body.id}`,
      total: 3,
      passed: 2,
      passRate: 0.8,
    });

    const { db } = await testDatabase();
    const [stored] = await db.select().from(evalRuns).where(eq(evalRuns.id, body.id));
    expect(stored).toMatchObject({
      name: 'nightly',
      gitCommit: 'abcdef1234567',
      gitBranch: 'main',
      model: 'gpt-4o-mini',
      promptVersion: 'v7',
      environment: 'staging',
      total: 3,
      passed: 2,
      passRate: 0.8,
      threshold: 0.8,
      isBaseline: false,
    });
    // The feature did not exist: CI may evaluate it before it serves traffic.
    const [created] = await db.select().from(features).where(eq(features.key, feature));
    expect(stored.featureId).toBe(created.id);

    const results = await db
      .select()
      .from(evalResults)
      .where(eq(evalResults.runId, body.id))
      .orderBy(asc(evalResults.caseName), asc(evalResults.repeat));
    expect(results.map((r) => [r.caseName, r.repeat, r.passed, r.weight])).toEqual([
      ['greeting', 0, false, 1],
      ['greeting', 1, true, 1],
      ['refund-policy', 0, true, 3],
    ]);
    expect(results[0]).toMatchObject({ error: 'timed out after 30000 ms', output: null, latencyMs: null });
    expect(results[2]).toMatchObject({
      input: { question: 'Can I get a refund?', locale: 'en' },
      output: 'The answer to refund-policy.',
      expected: 'The answer to refund-policy.',
      assertions: [{ type: 'contains', passed: true, score: 1, weight: 1, reason: 'contains "answer"' }],
      latencyMs: 420,
      costUsd: 0.0012,
      score: 1,
    });

    const audit = await auditOf(body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'eval_run.upload',
      actorLabel: 'key evals-writer',
      after: { feature, total: 3, passed: 2, passRate: 0.8 },
    });
  });

  it('stores a run of 1,200 results (several insert statements) with the default weights', async () => {
    const feature = await createFeature('evals-big');
    const results = Array.from({ length: 1200 }, (_, i) =>
      evalResult(`case-${String(i).padStart(4, '0')}`, i % 4 !== 0, {
        output: `${'long output '.repeat(50)}\u0000${i}`,
      }),
    );
    const body = await uploadEvalRun(evalRun(feature, results));
    expect(body).toMatchObject({ total: 1200, passed: 900, passRate: 0.75 });
    const { db } = await testDatabase();
    const stored = await db
      .select({ output: evalResults.output })
      .from(evalResults)
      .where(eq(evalResults.runId, body.id));
    expect(stored).toHaveLength(1200);
    // Postgres text cannot hold U+0000: it is stored as U+FFFD instead of failing the upload.
    expect(stored.every((r) => r.output!.includes('\ufffd'))).toBe(true);
  });

  it('refuses an invalid run with field errors, and stores nothing', async () => {
    const feature = uniqueFeature('evals-invalid');
    const cases: [unknown, Record<string, string[]>][] = [
      [{ ...evalRun(feature, []) }, { results: ['A run needs at least one result.'] }],
      [
        evalRun(feature, [evalResult('a', true), evalResult('a', false)]),
        { 'results.1.name': ['Case "a" repeat 0 appears twice.'] },
      ],
      [
        evalRun(feature, [evalResult('a', true)], { gitCommit: 'not-a-hash' }),
        { gitCommit: ['must be a git commit hash'] },
      ],
      [
        evalRun(feature, [evalResult('a', true)], { startedAt: new Date(Date.now() + 3 * 3_600_000).toISOString() }),
        { startedAt: [expect.stringContaining('ahead of the server clock')] },
      ],
      [
        evalRun(feature, [evalResult('a', true)], { finishedAt: new Date(Date.now() - 86_400_000).toISOString() }),
        { finishedAt: ['is before startedAt.'] },
      ],
    ];
    for (const [body, fieldErrors] of cases) {
      const res = await postEvalRun(body, evalsKey);
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe('invalid_request');
      expect(error.fieldErrors).toMatchObject(fieldErrors);
    }
    // A client's own figures are not taken: unknown fields are refused by name.
    const withFigures = await postEvalRun({ ...evalRun(feature, [evalResult('a', true)]), passRate: 1 }, evalsKey);
    expect(withFigures.status).toBe(400);
    expect(JSON.stringify(await withFigures.json())).toContain('passRate');
    const notJson = await fetch(`${baseUrl()}/api/v1/eval-runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${evalsKey}` },
      body: '{',
    });
    expect(notJson.status).toBe(400);

    const { db } = await testDatabase();
    expect(await db.select().from(features).where(eq(features.key, feature))).toEqual([]);
  });

  it('needs a key with the evals:write scope', async () => {
    const body = evalRun(uniqueFeature('evals-auth'), [evalResult('a', true)]);
    expect((await fetch(`${baseUrl()}/api/v1/eval-runs`, { method: 'POST', body: JSON.stringify(body) })).status).toBe(
      401,
    );
    expect((await postEvalRun(body, 'sb_not-a-real-key')).status).toBe(401);
    for (const key of [readKey, configKey]) {
      const res = await postEvalRun(body, key);
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toContain('lacks the "evals:write" scope');
    }
  });
});

describe('reading eval runs', () => {
  let feature: string;
  let older: number;
  let newer: number;
  beforeAll(async () => {
    feature = await createFeature('evals-read');
    older = (
      await uploadEvalRun(
        evalRun(feature, [evalResult('a', true), evalResult('b', true)], {
          startedAt: new Date(Date.now() - 7_200_000).toISOString(),
          finishedAt: undefined,
          model: 'model-1',
        }),
      )
    ).id;
    newer = (
      await uploadEvalRun(
        evalRun(feature, [evalResult('a', true), evalResult('b', false)], {
          promptVersion: 'v2',
          gitBranch: 'fix/tone',
        }),
      )
    ).id;
  });

  it('lists a feature’s runs newest first with pass rates and labels, without results', async () => {
    const res = await get(`/api/v1/features/${feature}/eval-runs`);
    expect(res.status).toBe(200);
    const { runs } = await res.json();
    expect(runs.map((r: { id: number }) => r.id)).toEqual([newer, older]);
    expect(runs[0]).toMatchObject({
      feature,
      passRate: 0.5,
      total: 2,
      passed: 1,
      promptVersion: 'v2',
      gitBranch: 'fix/tone',
      environment: 'production',
      threshold: 0.8,
      isBaseline: false,
      url: `${baseUrl()}/evals/runs/${newer}`,
    });
    expect(runs[0]).not.toHaveProperty('results');
    expect(runs[1]).toMatchObject({ passRate: 1, model: 'model-1' });
    expect(runs[1]).not.toHaveProperty('finishedAt');

    const limited = await (await get(`/api/v1/features/${feature}/eval-runs?limit=1`)).json();
    expect(limited.runs.map((r: { id: number }) => r.id)).toEqual([newer]);
    expect((await (await get(`/api/v1/features/${feature}/eval-runs?environment=staging`)).json()).runs).toEqual([]);
    const bad = await get(`/api/v1/features/${feature}/eval-runs?limit=0&sort=asc`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fieldErrors).toMatchObject({
      limit: ['limit is at least 1.'],
      _: ['Unknown parameter: sort.'],
    });
    expect((await get('/api/v1/features/no-such-feature/eval-runs')).status).toBe(404);
    expect((await fetch(`${baseUrl()}/api/v1/features/${feature}/eval-runs`)).status).toBe(401);
    expect((await get(`/api/v1/features/${feature}/eval-runs`, evalsKey)).status).toBe(403);
  });

  it('finds a feature whose key holds a percent sign (the route decodes the path once, as every API route does)', async () => {
    const odd = uniqueFeature('odd%41key');
    const { id } = await uploadEvalRun(evalRun(odd, [evalResult('a', true)]));
    const res = await get(`/api/v1/features/${encodeURIComponent(odd)}/eval-runs`);
    expect(res.status).toBe(200);
    expect((await res.json()).runs.map((r: { id: number }) => r.id)).toEqual([id]);
    expect((await get(`/api/v1/features/${encodeURIComponent(odd)}/eval-runs/baseline`)).status).toBe(404);
    expect((await get('/api/v1/features/nul%2500key/eval-runs')).status).toBe(404);
  });

  it('answers one run with all its results in the upload’s shape', async () => {
    const res = await get(`/api/v1/eval-runs/${newer}`);
    expect(res.status).toBe(200);
    const run = await res.json();
    expect(run).toMatchObject({ id: newer, feature, total: 2, passed: 1, passRate: 0.5 });
    expect(run.results).toEqual([
      { ...evalResult('a', true), repeat: 0, weight: 1, error: null },
      { ...evalResult('b', false), repeat: 0, weight: 1, error: null },
    ]);
    expect((await get('/api/v1/eval-runs/999999')).status).toBe(404);
    const bad = await get('/api/v1/eval-runs/latest');
    expect(bad.status).toBe(400);
  });
});

describe('the baseline', () => {
  it('is 404 no_baseline until a run is marked, then answers it with its results; marking another unmarks it', async () => {
    const feature = await createFeature('evals-baseline');
    const none = await get(`/api/v1/features/${feature}/eval-runs/baseline`);
    expect(none.status).toBe(404);
    expect((await none.json()).error).toEqual({
      code: 'no_baseline',
      message: `No run of ${feature} is marked as baseline. Mark one on its page, or pass --baseline results.json.`,
    });
    // A feature CI has never uploaded is "no baseline" too, so the CLI needs one branch.
    expect((await (await get('/api/v1/features/never-seen-feature/eval-runs/baseline')).json()).error.code).toBe(
      'no_baseline',
    );

    const first = (
      await uploadEvalRun(
        evalRun(feature, [evalResult('a', true), evalResult('b', true)], {
          startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        }),
      )
    ).id;
    const second = (await uploadEvalRun(evalRun(feature, [evalResult('a', true), evalResult('b', false)]))).id;

    expect((await markBaseline(first, evalsKey)).status).toBe(403);
    expect((await markBaseline(first, readKey)).status).toBe(403);
    const marked = await markBaseline(first);
    expect(marked.status).toBe(200);
    expect(await marked.json()).toMatchObject({ id: first, isBaseline: true, changed: true, previousBaselines: [] });

    const baseline = await get(`/api/v1/features/${feature}/eval-runs/baseline`);
    expect(baseline.status).toBe(200);
    const body = await baseline.json();
    expect(body).toMatchObject({ id: first, feature, isBaseline: true, passRate: 1, threshold: 0.8 });
    expect(body.results.map((r: { name: string; passed: boolean }) => [r.name, r.passed])).toEqual([
      ['a', true],
      ['b', true],
    ]);

    // Marking the newer run moves the baseline in one transaction; marking it again changes nothing.
    expect(await (await markBaseline(second)).json()).toMatchObject({
      id: second,
      changed: true,
      previousBaselines: [first],
    });
    expect(await (await markBaseline(second)).json()).toMatchObject({ changed: false, previousBaselines: [] });
    expect((await (await get(`/api/v1/features/${feature}/eval-runs/baseline`)).json()).id).toBe(second);
    const { db } = await testDatabase();
    const flags = await db
      .select({ id: evalRuns.id, isBaseline: evalRuns.isBaseline })
      .from(evalRuns)
      .innerJoin(features, eq(features.id, evalRuns.featureId))
      .where(eq(features.key, feature))
      .orderBy(asc(evalRuns.id));
    expect(flags).toEqual([
      { id: first, isBaseline: false },
      { id: second, isBaseline: true },
    ]);
    const audit = await auditOf(second);
    expect(audit.map((a) => a.action)).toEqual(['eval_run.upload', 'eval_run.baseline']);
    expect(audit[1]).toMatchObject({
      actorLabel: 'key evals-config',
      before: { baselineRunIds: [first] },
      after: { baselineRunId: second, feature },
    });

    expect((await markBaseline(999_999)).status).toBe(404);
  });
});

describe('the accuracy SLO', () => {
  it('reads the uploaded runs: passed of total cases in its window', async () => {
    const feature = await createFeature('evals-slo');
    await putSloDocument(feature, {
      slos: [{ name: 'correct', sli: 'accuracy', source: 'evals', objective: 0.9, window: '7d' }],
    });
    await uploadEvalRun(
      evalRun(
        feature,
        Array.from({ length: 10 }, (_, i) => evalResult(`case-${i}`, i !== 0)),
      ),
    );
    await uploadEvalRun(
      evalRun(
        feature,
        Array.from({ length: 10 }, (_, i) => evalResult(`case-${i}`, i > 2)),
      ),
    );
    const res = await getHealth(feature);
    expect(res.status).toBe(200);
    const [slo] = (await res.json()).slos;
    // 16 of 20 cases passed: compliance 0.8 against a 90% objective, the budget overspent twice over.
    expect(slo.name).toBe('correct');
    expect(slo.compliance).toBeCloseTo(0.8, 9);
    expect(slo.errorBudgetRemaining).toBeCloseTo(-1, 9);
  });
});
