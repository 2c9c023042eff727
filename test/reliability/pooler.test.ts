// Issue 13, item 2: two app instances whose DATABASE_URL goes through Debian's pgbouncer in
// transaction mode (DATABASE_LISTEN_URL direct). Found before the fix: the first call of a new
// feature or day was acknowledged and not stored, because postgres.js prepared its COMMIT as a
// named statement; on another server connection the statement was missing, the failed Bind aborted
// the transaction, and the driver's retry of the COMMIT rolled it back without an error.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppServer } from '../support/app-server';
import { startScenario, type Scenario } from './support/environment';
import { SwitchWatchers } from './support/flips';
import { storedCounts } from './support/stored';
import { percentile } from './support/traffic';

let scenario: Scenario;
let ingestKey: string;
let failed = true;

beforeAll(async () => {
  scenario = await startScenario({ pooler: true, instances: 2 });
  ingestKey = await scenario.createKey(['ingest', 'switches:read'], 'pooler ingest');
});

afterAll(async () => {
  await scenario?.close(failed);
});

const DAY_MS = 86_400_000;

function call(feature: string, daysAgo: number) {
  return {
    id: randomUUID(),
    feature,
    model: 'gpt-4o-mini',
    outcome: 'ok',
    latencyMs: 120,
    inputTokens: 40,
    outputTokens: 12,
    timestamp: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
  };
}

async function post(baseUrl: string, calls: unknown[]): Promise<{ status: number; accepted: number }> {
  const res = await fetch(`${baseUrl}/api/v1/calls`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ingestKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ calls }),
  });
  const body = (await res.json()) as { accepted?: number };
  return { status: res.status, accepted: body.accepted ?? 0 };
}

it('stores every call it acknowledges, also the first of a new feature and a new day', async () => {
  const [a, b] = scenario.apps;
  // The reproduction: single-call batches, each making a feature or a day's partitions.
  const single = [];
  for (let i = 0; i < 5; i++) single.push(await post(i % 2 ? b.url : a.url, [call(`pooler-first-${i}`, i)]));
  expect(single).toEqual(Array.from({ length: 5 }, () => ({ status: 200, accepted: 1 })));
  expect((await storedCounts(scenario.sql)).rows).toBe(5);

  // Then 40 concurrent batches over 10 new features and a week of days, through both instances.
  const batches = Array.from({ length: 40 }, (_, i) =>
    Array.from({ length: 50 }, (_, k) => call(`pooler-wide-${(i + k) % 10}`, (i + k) % 7)),
  );
  const answers = await Promise.all(batches.map((batch, i) => post(scenario.apps[i % 2].url, batch)));
  expect(answers.filter((r) => r.status !== 200)).toEqual([]);
  const accepted = 5 + answers.reduce((n, r) => n + r.accepted, 0);
  const stored = await storedCounts(scenario.sql);
  console.log(
    `Pooler — acknowledged = stored: ${accepted} calls acknowledged, ${stored.rows} rows, ${stored.distinctIds} distinct ids (pgbouncer 1.18, pool_mode = transaction)`,
  );
  expect(stored).toEqual({ rows: 2_005, distinctIds: 2_005 });
  expect(accepted).toBe(2_005);
});

it('carries a flip made on one instance to SDKs on the other (LISTEN on DATABASE_LISTEN_URL)', async () => {
  const feature = 'pooler-switch';
  expect((await post(scenario.apps[0].url, [call(feature, 0)])).status).toBe(200);
  const writeKey = await scenario.createKey(['switches:write'], 'pooler flips');
  const watchers = await SwitchWatchers.connect([scenario.apps[1].url], ingestKey, feature, 5);
  try {
    const arrivals: number[] = [];
    for (let i = 0; i < 6; i++) {
      const timing = await watchers.flip(scenario.apps[0].url, writeKey, i % 2 === 0, `pooler flip ${i}`);
      expect(timing.missed).toBe(0);
      arrivals.push(...timing.arrivals);
    }
    console.log(
      `Pooler — flips through instance 1 reach SDKs on instance 2: p50 ${percentile(arrivals, 0.5).toFixed(0)} ms, max ${Math.max(...arrivals).toFixed(0)} ms`,
    );
  } finally {
    await watchers.close();
  }
});

it('refuses to start behind the pooler without DATABASE_LISTEN_URL, and says what to set', async () => {
  const start = startAppServer(scenario.databaseUrl, { DATABASE_LISTEN_URL: '', SWITCHBOARD_ALERT_EVALUATOR: '0' });
  await expect(start).rejects.toThrow(/DATABASE_LISTEN_URL to a direct connection/);
  failed = false;
});
