// Issue 13, item 1: dashboard and API reads on a hot standby (DATABASE_READ_URL), made with
// `pg_basebackup -R`. Each read endpoint is shown to run its queries on the standby
// (pg_stat_activity there); the replica's lag is reported, shown past 5 s, and past
// SWITCHBOARD_READ_MAX_LAG_SECONDS the reads go back to the primary until it catches up.
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rollupsCounted } from '../support/rollup-watermark';
import { startScenario, type Scenario } from './support/environment';
import { sdkCall, sleep, until } from './support/traffic';

const MAX_LAG_S = 8;
const FEATURE = 'rr-support-agent';

let scenario: Scenario;
let standbySql: postgres.Sql;
let ingestKey: string;
let readKey: string;
let failed = true;

beforeAll(async () => {
  scenario = await startScenario({ readReplica: true, env: { SWITCHBOARD_READ_MAX_LAG_SECONDS: String(MAX_LAG_S) } });
  standbySql = postgres(scenario.standbyUrl!, { max: 1, onnotice: () => {} });
  ingestKey = await scenario.createKey(['ingest'], 'replica ingest');
  readKey = await scenario.createKey(['read'], 'replica reads');
});

afterAll(async () => {
  await standbySql?.end({ timeout: 5 });
  await scenario?.close(failed);
});

const get = (path: string) =>
  fetch(`${scenario.apps[0].url}${path}`, { headers: { Authorization: `Bearer ${readKey}` } });

interface ReplicaJson {
  reachable: boolean;
  lagSeconds: number | null;
  readsFrom: 'replica' | 'primary';
}

async function overview(): Promise<{ calls: number; replica: ReplicaJson }> {
  const body = (await (await get('/api/v1/overview')).json()) as {
    features: { key: string; calls: number }[];
    replica: ReplicaJson;
  };
  return { calls: body.features.find((f) => f.key === FEATURE)?.calls ?? 0, replica: body.replica };
}

async function send(count: number): Promise<void> {
  const res = await fetch(`${scenario.apps[0].url}/api/v1/calls`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ingestKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ calls: Array.from({ length: count }, () => sdkCall(FEATURE)) }),
  });
  expect(res.status).toBe(200);
}

it('runs each read endpoint on the replica', async () => {
  await send(200);
  await rollupsCounted(scenario.sql);
  await until(async () => (await overview()).calls === 200, 10_000, 'the overview (on the replica) to show the calls');

  const endpoints = [
    '/api/v1/overview',
    `/api/v1/features/${FEATURE}/stats?range=24h`,
    `/api/v1/features/${FEATURE}/health`,
    `/api/v1/calls?feature=${FEATURE}&limit=20`,
    `/api/v1/calls?feature=${FEATURE}&format=csv`,
    '/api/metrics',
  ];
  const onReplica: Record<string, number> = {};
  for (const path of endpoints) {
    const [{ t0 }] = await standbySql<{ t0: Date }[]>`select clock_timestamp() as t0`;
    const res = await get(path);
    expect(res.status, path).toBe(200);
    await res.arrayBuffer();
    const [{ n }] = await standbySql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where application_name = 'switchboard-read' and datname = current_database() and query_start >= ${t0}`;
    onReplica[path] = n;
  }
  console.log(
    `Read replica — read connections on the standby that ran a query for each endpoint: ${JSON.stringify(onReplica)}`,
  );
  for (const path of endpoints) expect(onReplica[path], `${path} did not query the replica`).toBeGreaterThan(0);

  expect(await (await get('/api/metrics')).text()).toMatch(
    /^switchboard_replica_lag_seconds\{reads_from="replica"\} [0-9.]+$/m,
  );
  const health = (await (await get('/api/health')).json()) as { replica: ReplicaJson };
  expect(health.replica).toMatchObject({ reachable: true, readsFrom: 'replica' });
  expect(health.replica.lagSeconds).toBeLessThan(3);
});

it('reports the lag, shows it past 5 s, and reads from the primary past the limit', async () => {
  await standbySql`select pg_wal_replay_pause()`;
  try {
    await send(100);
    await rollupsCounted(scenario.sql);
    // Behind but within the limit: still the replica, which does not have the new calls yet.
    await until(async () => ((await overview()).replica.lagSeconds ?? 0) >= 5, 15_000, 'the lag to pass 5 s');
    const behind = await overview();
    expect(behind.replica.readsFrom).toBe('replica');
    expect(behind.calls).toBe(200);
    // Past SWITCHBOARD_READ_MAX_LAG_SECONDS: the primary, with every call.
    await until(
      async () => (await overview()).replica.readsFrom === 'primary',
      15_000,
      `reads to move to the primary past ${MAX_LAG_S} s`,
    );
    expect((await overview()).calls).toBe(300);
  } finally {
    await standbySql`select pg_wal_replay_resume()`;
  }
  await until(
    async () => {
      const now = await overview();
      return now.replica.readsFrom === 'replica' && (now.replica.lagSeconds ?? 99) < 3;
    },
    15_000,
    'the replica to catch up and take the reads again',
  );
  expect((await overview()).calls).toBe(300);
});

it('lags by about a second while calls stream in', async () => {
  const lags: number[] = [];
  const began = performance.now();
  while (performance.now() - began < 10_000) {
    await send(100);
    const health = (await (await get('/api/health')).json()) as { replica: ReplicaJson };
    lags.push(health.replica.lagSeconds ?? NaN);
    await sleep(250);
  }
  lags.sort((a, b) => a - b);
  console.log(
    `Read replica — lag while ~300 calls/s stream in, ${lags.length} samples: median ${lags[lags.length >> 1]} s, max ${lags.at(-1)} s`,
  );
  expect(lags.at(-1)).toBeLessThan(5);
  failed = false;
});
