// Issue 7, item 3: two app instances on one database, requests alternating between them (no
// sticky sessions). Flips made through either reach SDK clients of both; alert evaluation run
// by both at once fires a known error ratio's alert exactly once; calls sent to both roll up to
// exactly the raw calls.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { features } from '@/db/schema';
import { sloFingerprint } from '@/lib/alerts/candidates';
import { evaluateAlerts } from '@/lib/alerts/evaluate';
import { createSwitchboard } from '@/lib/sdk/index';
import { SwitchWatchers, type FlipTiming } from './support/flips';
import { startScenario, type Scenario } from './support/environment';
import { checkRollups, storedCounts } from './support/stored';
import { ms, percentile, sdkCall, sleep, until } from './support/traffic';

const MINUTE = 60_000;
let scenario: Scenario;
let failed = true;
const figures: string[] = [];

beforeAll(async () => {
  scenario = await startScenario({ instances: 2 });
});

afterAll(async () => {
  if (figures.length)
    console.log(
      [`Reliability 3 — two instances on one database (${new Date().toISOString()}):`, ...figures].join('\n'),
    );
  await scenario?.close(failed);
});

it('delivers a flip made through either instance to SDK clients of both within a second', async () => {
  failed = true;
  const urls = scenario.apps.map((a) => a.url);
  const feature = 'rel-two-instances';
  await scenario.database.db.insert(features).values({ key: feature });
  const readKey = await scenario.createKey(['switches:read'], 'watchers');
  const writeKey = await scenario.createKey(['switches:write'], 'on-call');
  const watchers = await SwitchWatchers.connect(urls, readKey, feature, 6); // three on each instance
  const flips: FlipTiming[] = [];
  try {
    for (let i = 0; i < 10; i++) {
      flips.push(
        await watchers.flip(urls[i % 2], writeKey, i % 2 === 0, `reliability flip ${i} via instance ${(i % 2) + 1}`),
      );
      await sleep(200);
    }
  } finally {
    await watchers.close();
  }
  const arrivals = flips.flatMap((f) => f.arrivals);
  const missed = flips.reduce((m, f) => m + f.missed, 0);
  figures.push(
    `  10 flips alternating instances × 6 SDK clients (3 per instance): p50 ${ms(percentile(arrivals, 0.5))}, p99 ${ms(percentile(arrivals, 0.99))}, missed ${missed}`,
  );
  expect(missed).toBe(0);
  expect(Math.max(...arrivals)).toBeLessThan(1_000);
  failed = false;
});

it('rolls calls sent to both instances up to exactly the raw calls', async () => {
  failed = true;
  const clients = await Promise.all(
    [0, 1, 2, 3].map(async (i) =>
      createSwitchboard({
        baseUrl: scenario.apps[i % 2].url,
        apiKey: await scenario.createKey(['ingest', 'switches:read'], `client ${i}`),
        logger: { warn: () => {} },
      }),
    ),
  );
  let sent = 0;
  // Both instances write the same feature × minute rollup rows at the same time.
  for (let round = 0; round < 10; round++) {
    for (const client of clients)
      for (let k = 0; k < 250; k++, sent++) client.recorder.record(sdkCall(`rel-shared-${k % 3}`));
    await sleep(100);
  }
  await until(
    async () => {
      await Promise.all(clients.map((c) => c.flush()));
      return clients.every((c) => c.stats().queued === 0);
    },
    30_000,
    'the SDK clients to deliver their queues',
  );
  const dropped = clients.reduce((n, c) => n + c.stats().dropped, 0);
  await Promise.all(clients.map((c) => c.close()));
  const stored = await storedCounts(scenario.sql);
  const rollups = await checkRollups(scenario.sql);
  figures.push(
    `  ${sent} calls from 4 SDK clients (2 per instance): stored ${stored.rows} rows / ${stored.distinctIds} ids; rollups: ${rollups.map((r) => `${r.table} ${r.mismatched}/${r.buckets} mismatched`).join(', ')}`,
  );
  expect(dropped).toBe(0);
  expect(stored).toEqual({ rows: sent, distinctIds: sent });
  for (const check of rollups)
    expect(check, `${check.table} disagrees with the raw calls`).toMatchObject({ mismatched: 0 });
  failed = false;
});

it('fires a known error ratio’s alert exactly once when both instances evaluate at once', async () => {
  failed = true;
  const [a, b] = scenario.apps.map((app) => app.url);
  const feature = 'rel-alerting';
  const ingestKey = await scenario.createKey(['ingest'], 'alert traffic');
  const configKey = await scenario.createKey(['config:write'], 'slo author');
  const now = Date.now();
  // Half of the last minutes' calls fail, one half through each instance: a 50× burn of a 99% SLO.
  const batch = (at: number, outcome: 'ok' | 'error') =>
    Array.from({ length: 20 }, () => ({
      ...sdkCall(feature, new Date(at)),
      outcome,
      errorType: outcome === 'error' ? 'timeout' : undefined,
    }));
  for (const [url, calls] of [
    [a, batch(now - 3 * MINUTE, 'ok')],
    [b, batch(now - 2 * MINUTE, 'error')],
  ] as const) {
    const res = await fetch(`${url}/api/v1/calls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ingestKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ calls }),
    });
    expect(await res.json()).toMatchObject({ accepted: 20, rejected: [] });
  }
  const slo = await fetch(`${b}/api/v1/features/${feature}/slos`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${configKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ slos: [{ name: 'up', sli: 'availability', objective: 0.99, window: '30d' }] }),
  });
  expect(slo.status, await slo.clone().text()).toBe(200);

  // Two evaluator processes (the CLI, as a third server would run it) start a round at once…
  const cli = await Promise.all([0, 1].map(() => evaluateInProcess(scenario.databaseUrl, feature)));
  // …then rounds from two separate connection pools, as the two servers' evaluators would, three times over.
  const pools: Database[] = await Promise.all([0, 1].map(() => openDatabase({ url: scenario.databaseUrl, max: 2 })));
  let openedLater = 0;
  try {
    for (let i = 0; i < 3; i++) {
      const rounds = await Promise.all(
        pools.map((p) => evaluateAlerts(p.db, { now: new Date(), featureKeys: [feature] })),
      );
      openedLater += rounds.reduce((n, r) => n + r.opened.length, 0);
    }
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
  const page = sloFingerprint(feature, 'up', 'page');
  const rows = await scenario.sql<{ fingerprint: string; state: string }[]>`
    select fingerprint, state from alerts where feature_id = (select id from features where key = ${feature})`;
  const openedByCli = cli.reduce((n, out) => n + Number(/(\d+) opened/.exec(out)?.[1] ?? 0), 0);
  figures.push(
    `  alert rounds: 2 CLI processes at once (${cli.map((o) => o.trim().split('\n').pop()).join(' | ')}), then 3 × 2 concurrent rounds opened ${openedLater} more; alerts stored: ${rows.map((r) => `${r.fingerprint} ${r.state}`).join(', ')}`,
  );
  expect(rows.filter((r) => r.fingerprint === page)).toEqual([{ fingerprint: page, state: 'firing' }]);
  expect(new Set(rows.map((r) => r.fingerprint)).size).toBe(rows.length);
  expect(openedByCli).toBe(rows.length);
  expect(openedLater).toBe(0);
  failed = false;
});

/** `switchboard alerts evaluate --once` in a process of its own; its output. */
function evaluateInProcess(databaseUrl: string, feature: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.resolve('lib/cli/bin.mjs'), 'alerts', 'evaluate', '--once', '--feature', feature],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`alerts evaluate exited with ${code}:\n${output}`)),
    );
  });
}
