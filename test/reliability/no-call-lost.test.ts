// Issue 7, item 1: SDK clients send calls at a steady rate for 60 s through the built app while
// its Postgres is restarted twice. While the database is away the ingestion API answers 503 with
// Retry-After and the SDK keeps the calls and retries; afterwards every call sent is stored
// exactly once and the rollups agree with the raw calls.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startScenario, type Scenario } from './support/environment';
import { checkRollups, storedCounts } from './support/stored';
import { SdkLoad } from './support/sdk-load';
import { ms, sleep } from './support/traffic';

const CLIENTS = 6;
const CALLS_PER_SECOND_PER_CLIENT = 50; // 300 calls/s in all
const RUN_MS = 60_000;
const RESTART_AT_MS = [15_000, 38_000];
const DOWN_MS = 2_500;
const FEATURES = ['rel-support-agent', 'rel-summarizer', 'rel-search'];

let scenario: Scenario;
let failed = true;

beforeAll(async () => {
  scenario = await startScenario();
});

afterAll(async () => {
  await scenario?.close(failed);
});

it('stores every call exactly once across two database restarts, and the rollups match', async () => {
  const load = await SdkLoad.connect(scenario, CLIENTS);
  const { tally, warnings } = load;
  const began = performance.now();
  load.start(FEATURES, CALLS_PER_SECOND_PER_CLIENT);

  const restarts: number[] = [];
  try {
    for (const at of RESTART_AT_MS) {
      await sleep(at - (performance.now() - began));
      restarts.push((await scenario.cluster.restart(DOWN_MS)).downMs);
    }
    await sleep(RUN_MS - (performance.now() - began));
  } finally {
    load.stop();
  }
  const sendingMs = performance.now() - began;
  const sent = load.sent;
  const { confirmed, dropped } = await load.drain(30_000);
  const stored = await storedCounts(scenario.sql);
  const rollups = await checkRollups(scenario.sql);
  console.log(
    [
      `Reliability 1 — no call lost, none doubled (${new Date().toISOString()}):`,
      `  ${CLIENTS} SDK clients, ${(sent / (sendingMs / 1000)).toFixed(0)} calls/s for ${(sendingMs / 1000).toFixed(1)} s; Postgres restarted twice (stop -m fast, ${DOWN_MS / 1000} s down, start)`,
      `  restarts: ${restarts.map(ms).join(', ')} without a server (stop to accepting connections)`,
      `  calls sent ${sent}, confirmed by the API ${confirmed}, stored ${stored.rows} rows / ${stored.distinctIds} distinct ids, dropped by the SDK ${dropped}`,
      `  ingestion answers the SDK saw: ${tally} (429/503 without Retry-After: ${tally.withoutRetryAfter})`,
      ...tally.networkErrors.map((e) => `  no answer: ${e}`),
      `  rollups vs raw calls: ${rollups.map((r) => `${r.table} ${r.buckets} buckets, ${r.mismatched} mismatched`).join('; ')}`,
    ].join('\n'),
  );

  expect(dropped, warnings.join('\n')).toBe(0);
  expect(stored).toEqual({ rows: sent, distinctIds: sent });
  expect(confirmed).toBe(sent);
  expect(tally.of('503'), 'the API must answer 503 while the database is away').toBeGreaterThan(0);
  expect(tally.withoutRetryAfter).toBe(0);
  // Only stored (200) and shed (429/503) answers: a 500 would mean an outage the API did not
  // recognise. A request may also get no answer within the SDK's 10 s timeout ('network'): before
  // db/client.ts capped postgres.js' reconnect backoff at 1 s, requests queued on a connection
  // still waiting out a long backoff hung 5–10 s after Postgres was back (2–3 per run in CI). The
  // SDK retries those like a 503, so at most one per client and restart is allowed, and the
  // counts above stay exact.
  expect([...tally.byStatus.keys()].filter((s) => !['200', '429', '503', 'network'].includes(s))).toEqual([]);
  expect(tally.of('network')).toBeLessThanOrEqual(CLIENTS * RESTART_AT_MS.length);
  for (const check of rollups)
    expect(check, `${check.table} disagrees with the raw calls`).toMatchObject({ mismatched: 0 });
  expect(rollups[0].buckets).toBeGreaterThan(0);
  failed = false;
});
