// Demo traffic end to end: the real SDK, the official openai client, the mock provider and the
// running app. Calls land in the database; a primary's 429 storm is served by fallbacks; a kill
// switch flipped mid-run turns a feature's calls to `killed` and its model stops being called.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, features } from '@/db/schema';
import { TRAFFIC_FEATURES } from '@/lib/demo-traffic/catalog';
import { runDemo } from '@/lib/demo-traffic/run';
import { startMockProvider, type MockProvider } from '@/lib/mock-provider';
import { baseUrl, createTestKey, testDatabase } from '../support/system';

const suffix = Date.now().toString(36);
const demoFeatures = TRAFFIC_FEATURES.map((f) => ({ ...f, key: `${f.key}-${suffix}`, prompts: f.key }));
const keyOf = (name: string) => `${name}-${suffix}`;

let mock: MockProvider;
let writeKey: string;

beforeAll(async () => {
  mock = await startMockProvider({
    faults: { global: { latencyMs: 20, jitterMs: 20, ttftMs: 20, chunkIntervalMs: 2 } },
  });
  writeKey = await createTestKey(['switches:write'], 'demo-traffic-flipper');
});
afterAll(() => mock?.close());

async function flip(feature: string, killed: boolean) {
  const res = await fetch(`${baseUrl()}/api/v1/switches/${feature}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${writeKey}` },
    body: JSON.stringify({ killed, reason: 'demo traffic test' }),
  });
  expect(res.status).toBe(200);
}

async function storedCalls(environment: string) {
  const { db } = await testDatabase();
  return db
    .select({
      feature: features.key,
      route: calls.route,
      model: calls.model,
      outcome: calls.outcome,
      ts: calls.ts,
      inputTokens: calls.inputTokens,
    })
    .from(calls)
    .innerJoin(features, eq(features.id, calls.featureId))
    .where(
      and(
        eq(calls.environment, environment),
        inArray(
          features.key,
          demoFeatures.map((f) => f.key),
        ),
      ),
    )
    .orderBy(sql`${calls.ts}`);
}

describe('switchboard demo traffic', () => {
  it('sends every feature’s calls through the SDK into the database; fallbacks serve a 429 storm', async () => {
    mock.setFaults({ models: { 'gpt-4o': { rate429: 1, retryAfterSeconds: 0 } } });
    const environment = `demo-storm-${suffix}`;
    const lines: string[] = [];
    const apiKey = await createTestKey(['ingest', 'switches:read'], 'demo-traffic');
    const result = await runDemo({
      url: baseUrl(),
      apiKey,
      providerUrl: mock.baseUrl,
      rps: 10,
      durationMs: 3_000,
      chaos: false,
      environment,
      features: demoFeatures,
      print: (l) => lines.push(l),
      seed: 7,
    });
    mock.clearFaults();

    expect(result.calls).toBe(30);
    expect(result.byRoute.error).toBe(0);
    expect(lines.filter((l) => / calls\/s │ /.test(l)).length).toBeGreaterThanOrEqual(2);
    const rows = await storedCalls(environment);
    expect(rows).toHaveLength(30); // flushed on stop: none lost, none duplicated
    expect(new Set(rows.map((r) => r.feature))).toEqual(new Set(demoFeatures.map((f) => f.key)));
    const support = rows.filter((r) => r.feature === keyOf('support-agent'));
    expect(support.length).toBe(10);
    expect(support.every((r) => r.route === 'fallback' || r.route === 'cache')).toBe(true);
    expect(support.some((r) => r.route === 'fallback' && r.model === 'gpt-4o-mini' && r.inputTokens! > 0)).toBe(true);
    expect(
      rows
        .filter((r) => r.feature === keyOf('moderation'))
        .every((r) => r.route === 'primary' && r.model === 'gpt-4o-mini'),
    ).toBe(true);
  });

  it('turns a feature’s calls to killed within a second of a flip, without calling its model', async () => {
    const environment = `demo-kill-${suffix}`;
    const apiKey = await createTestKey(['ingest', 'switches:read'], 'demo-traffic-kill');
    const target = keyOf('entitlement-check'); // its primary, claude-3-5-haiku, serves no other feature here
    const haiku = () => mock.stats().models['claude-3-5-haiku-20241022']?.requests ?? 0;
    let flipSent = 0;
    let flippedAt = 0;
    let haikuAfterPropagation = -1;
    const timers = [
      setTimeout(() => {
        flipSent = Date.now();
        void flip(target, true).then(() => (flippedAt = Date.now()));
      }, 1_500),
      setTimeout(() => (haikuAfterPropagation = haiku()), 2_600),
    ];
    try {
      const result = await runDemo({
        url: baseUrl(),
        apiKey,
        providerUrl: mock.baseUrl,
        rps: 10,
        durationMs: 4_000,
        chaos: false,
        environment,
        features: demoFeatures,
        print: () => {},
        seed: 8,
      });
      expect(result.byRoute.error).toBe(0);
    } finally {
      timers.forEach(clearTimeout);
      await flip(target, false);
    }
    expect(flippedAt).toBeGreaterThan(0);
    expect(haiku()).toBe(haikuAfterPropagation);
    const rows = (await storedCalls(environment)).filter((r) => r.feature === target);
    const before = rows.filter((r) => r.ts.getTime() < flipSent);
    const after = rows.filter((r) => r.ts.getTime() > flippedAt + 1_000);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => r.route === 'primary')).toBe(true);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.route === 'killed' && r.model === 'rule:plan-table' && r.outcome === 'ok')).toBe(true);
  });
});
