// The overview at 500 features, as on-call sees it: the built app (`npm start`'s server) on a fresh
// database, 500 features with 20 calls each over the last 24 hours posted through the API (a few
// failing, a few killed, the rest healthy), then Chromium at 1280 and 375 px measures
//   - first row: from navigation to the first feature row on screen,
//   - search: from the first key typed into the search field to a healthy feature's row on screen
//     (one far down the list, not among the rows shown before searching),
//   - the page's DOM nodes and SVG elements once loaded,
// and the overview API's answer (bytes, uncompressed JSON; time). Targets (issue 15): first row
// ≤ 1 s, search ≤ 300 ms, API ≤ 200 KB. Run by hand, never in CI:
//   npm run build && npx tsx test/bench/overview-scale.mts [--runs 3] [--features 500]
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { startAppServer } from '../support/app-server.ts';
import { createTestDatabase } from '../support/test-database.ts';

const require = createRequire(import.meta.url); // see switch-propagation.mts for why
const { openDatabase } = require('../../db/client.ts') as typeof import('../../db/client.ts');
const { migrateDatabase } = require('../../db/migrate.ts') as typeof import('../../db/migrate.ts');
const { createApiKey } = require('../../lib/api-keys/manage.ts') as typeof import('../../lib/api-keys/manage.ts');
const { createUser } = require('../../lib/users/manage.ts') as typeof import('../../lib/users/manage.ts');

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, features: { type: 'string', default: '500' } },
});
const RUNS = Number(args.runs);
const FEATURES = Number(args.features);
const CALLS_EACH = 20;
const FAILING = 8;
const KILLED = 4;
const featureKey = (i: number) => `feature-${String(i).padStart(3, '0')}`;
/** The feature typed into the search field: healthy, and far below the first page. */
const SOUGHT = featureKey(FEATURES - 3);

const created = await createTestDatabase('switchboard_bench_overview');
const database = await openDatabase({ url: created.url, max: 2 });
await migrateDatabase(database);
const actor = { id: 'bench', label: 'overview bench' };
const { key } = await createApiKey(
  database.db,
  { name: 'overview bench', scopes: ['ingest', 'read', 'switches:write'] },
  actor,
);
const admin = { email: 'bench@example.test', password: 'a long bench password' };
await createUser(database.db, { ...admin, role: 'admin' }, actor);
await database.close();
const app = await startAppServer(created.url, { SWITCHBOARD_ALERT_EVALUATOR: '0' });
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
  });

try {
  // The traffic: every feature 20 calls spread over the last 24 hours; the first FAILING fail a third.
  const now = Date.now();
  const calls = Array.from({ length: FEATURES }, (_, f) =>
    Array.from({ length: CALLS_EACH }, (_, c) => ({
      id: randomUUID(),
      feature: featureKey(f),
      model: 'gpt-4o-mini',
      provider: 'openai',
      latencyMs: 300 + ((f * 31 + c * 17) % 900),
      inputTokens: 800,
      outputTokens: 200,
      timestamp: new Date(now - ((c + 0.5) / CALLS_EACH) * 23 * 3_600_000).toISOString(),
      ...(f < FAILING && c % 3 === 0 ? { outcome: 'error', errorType: 'timeout' } : {}),
    })),
  ).flat();
  for (let i = 0; i < calls.length; i += 500) {
    const res = await api('/api/v1/calls', {
      method: 'POST',
      body: JSON.stringify({ calls: calls.slice(i, i + 500) }),
    });
    if (res.status !== 200) throw new Error(`ingest: ${res.status} ${await res.text()}`);
  }
  for (let i = 0; i < KILLED; i++) {
    const res = await api(`/api/v1/switches/${featureKey(FAILING + i)}`, {
      method: 'PUT',
      body: JSON.stringify({ killed: true, reason: 'overview bench' }),
    });
    if (!res.ok) throw new Error(`kill: ${res.status} ${await res.text()}`);
  }
  // The server's aggregator counts the calls within seconds.
  for (let tries = 0; ; tries++) {
    const overview = await (await api('/api/v1/overview?hourly=none')).json();
    const counted = overview.features.reduce((n: number, f: { calls: number }) => n + f.calls, 0);
    if (counted === calls.length) break;
    if (tries > 120) {
      const sql = (await import('postgres')).default(created.url, { max: 1 });
      console.log(
        await sql`select (select count(*) from calls) as calls, (select sum(calls) from call_rollups) as minute, (select sum(calls) from call_rollups_hourly) as hourly, (select count(*) from features) as features`,
      );
      console.log(
        app
          .output()
          .replace(/\{"\d+":[^}]*\}/g, '{…}')
          .slice(-4000),
      );
      await sql.end();
      throw new Error(`the rollups counted ${counted} of ${calls.length} calls`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }

  const apiRuns: { bytes: number; ms: number; problems: number }[] = [];
  for (let i = 0; i < 5 + RUNS * 3; i++) {
    const t0 = performance.now();
    const body = await (await api('/api/v1/overview')).text();
    const ms = performance.now() - t0;
    const features = JSON.parse(body).features as { hourly: unknown }[];
    if (i >= 5) apiRuns.push({ bytes: Buffer.byteLength(body), ms, problems: features.filter((f) => f.hourly).length });
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const pageRuns: Record<string, Awaited<ReturnType<typeof measurePage>>[]> = {};
  try {
    for (const [label, viewport] of [
      ['1280 px', { width: 1280, height: 900 }],
      ['375 px', { width: 375, height: 740 }],
    ] as const) {
      const context = await browser.newContext({ viewport, baseURL: app.url });
      const page = await context.newPage();
      await signIn(page);
      pageRuns[label] = [];
      for (let run = 0; run < RUNS + 1; run++) {
        const measured = await measurePage(page, viewport.width >= 768 ? 'tr[data-feature]' : 'li[data-feature]');
        if (run > 0) pageRuns[label].push(measured); // the first load compiles nothing but warms Chromium's caches
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const range = (xs: number[], digits = 0) =>
    `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
  console.log(
    `\n${new Date().toISOString().slice(0, 10)} · ${FEATURES} features × ${CALLS_EACH} calls (${FAILING} failing, ${KILLED} killed) · load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `Overview API: ${range(
      apiRuns.map((r) => r.bytes / 1024),
      1,
    )} KB, ${range(
      apiRuns.map((r) => r.ms),
      1,
    )} ms, ${apiRuns[0].problems} features with their hourly series (${apiRuns.length} requests)`,
  );
  console.log(
    '| Width | First row (ms) | Search → row (ms) | DOM nodes | SVGs | HTML first byte / last (ms) | HTML (KB) |\n| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const [label, runs] of Object.entries(pageRuns)) {
    const cells = [
      range(runs.map((r) => r.firstRowMs)),
      range(runs.map((r) => r.searchMs)),
      range(runs.map((r) => r.nodes)),
      range(runs.map((r) => r.svgs)),
      `${median(runs.map((r) => r.responseStart)).toFixed(0)} / ${median(runs.map((r) => r.responseEnd)).toFixed(0)}`,
      median(runs.map((r) => r.htmlKb)).toFixed(0),
    ];
    console.log(`| ${label} | ${cells.join(' | ')} |`);
  }
  console.log(`median (range) of ${RUNS} runs`);
  if (process.env.SHOW_ROW) console.log(JSON.stringify((await (await api('/api/v1/overview')).json()).features.at(-1)));
} finally {
  await app.stop();
  if (process.env.KEEP_DATABASE) console.log(`kept ${created.url}`);
  else await created.drop();
}

async function signIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function measurePage(page: Page, rowSelector: string) {
  await page.goto('about:blank');
  const t0 = performance.now();
  await page.goto('/', { waitUntil: 'commit' });
  await page.locator(rowSelector).first().waitFor({ state: 'visible' });
  const firstRowMs = performance.now() - t0;
  await page.waitForLoadState('load');
  const sought = page.locator(`${rowSelector.split('[')[0]}[data-feature="${SOUGHT}"]`);
  if (await sought.isVisible()) throw new Error(`${SOUGHT} is on the page before searching: pick one further down`);
  const { nodes, svgs, responseStart, responseEnd, htmlBytes } = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      nodes: document.getElementsByTagName('*').length,
      svgs: document.getElementsByTagName('svg').length,
      responseStart: nav.responseStart - nav.startTime,
      responseEnd: nav.responseEnd - nav.startTime,
      htmlBytes: nav.decodedBodySize,
    };
  });
  const search = page.locator('input[type="search"]');
  await search.click();
  const t1 = performance.now();
  await page.keyboard.type(SOUGHT.slice(-3));
  await sought.waitFor({ state: 'visible' });
  const searchMs = performance.now() - t1;
  return { firstRowMs, searchMs, nodes, svgs, responseStart, responseEnd, htmlKb: htmlBytes / 1024 };
}
