import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '@/db/client';
import { RELATIVE_ERROR } from '@/lib/rollups/histogram';
import type { FeatureStats, Stats } from '@/lib/stats/feature-stats';
import { postCalls } from '../support/calls';
import { exactQuantile, seeded } from '../support/sampling';
import { baseUrl, createTestKey, rollupsCaughtUp, testDatabase } from '../support/system';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FEATURE = `stats-${Date.now().toString(36)}`;
const ERROR_TYPES = ['timeout', 'rate_limit', 'server_error', 'network', 'content_filter', 'other'] as const;
const ROUTES = ['primary', 'fallback', 'cache', 'rule', 'killed'] as const;

/** Calls over the last 30 days, denser in the last hour and day, in production and staging. */
function makeCalls(n: number, seed: number) {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => {
    const span = i % 3 === 0 ? HOUR : i % 3 === 1 ? DAY : 30 * DAY;
    const error = rnd() < 0.2;
    return {
      id: randomUUID(),
      feature: FEATURE,
      timestamp: new Date(now - 5_000 - Math.floor(rnd() * span)).toISOString(),
      model: pick(['gpt-4o-mini', 'claude-3-5-haiku']),
      route: rnd() < 0.6 ? 'primary' : pick(ROUTES),
      environment: rnd() < 0.85 ? 'production' : 'staging',
      outcome: error ? 'error' : 'ok',
      ...(error ? { errorType: pick(ERROR_TYPES) } : {}),
      latencyMs: Math.round(Math.exp(4 + rnd() * 6)),
      ...(rnd() < 0.6 ? { ttftMs: Math.round(20 + rnd() * 800) } : {}),
      inputTokens: 100 + Math.floor(rnd() * 2000),
      outputTokens: Math.floor(rnd() * 500),
      cachedInputTokens: Math.floor(rnd() * 100),
      ...(rnd() < 0.8 ? { costUsd: Math.round(rnd() * 1e6) / 1e8 } : {}),
      ...(rnd() < 0.4 ? { score: Math.round(rnd() * 100) / 100 } : {}),
    };
  });
}

interface RawCall {
  ts: number;
  route: string;
  outcome: string;
  error_type: string | null;
  latency_ms: number;
  ttft_ms: number | null;
  environment: string;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cost_usd: number | null;
  score: number | null;
}

async function rawCalls(): Promise<RawCall[]> {
  const { db } = await testDatabase();
  const rows = resultRows<RawCall>(
    await db.execute(sql`
    select (extract(epoch from c.ts) * 1000)::float8 as ts, c.route::text as route, c.outcome::text as outcome, c.error_type::text as error_type,
           c.latency_ms, c.ttft_ms, c.environment, c.input_tokens, c.output_tokens, c.cached_input_tokens, c.cost_usd, c.score
    from calls c join features f on f.id = c.feature_id where f.key = ${FEATURE}`),
  );
  return rows.map((r) => ({ ...r, ts: Number(r.ts) }));
}

/** Postgres' percentile_cont (null without values). */
const percentile = (values: number[], q: number): number | null =>
  values.length === 0
    ? null
    : exactQuantile(
        [...values].sort((a, b) => a - b),
        q,
      );

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The stats computed straight from raw calls; percentiles exact. */
function expectedStats(calls: RawCall[]) {
  const ok = calls.filter((c) => c.outcome === 'ok');
  const costed = calls.filter((c) => c.cost_usd !== null);
  const scored = calls.filter((c) => c.score !== null);
  const ttft = calls.filter((c) => c.ttft_ms !== null).map((c) => c.ttft_ms!);
  const latency = calls.map((c) => c.latency_ms);
  const routes = Object.fromEntries(ROUTES.map((r) => [r, calls.filter((c) => c.route === r).length]));
  return {
    counts: {
      calls: calls.length,
      okCalls: ok.length,
      errors: calls.length - ok.length,
      errorsByType: Object.fromEntries(
        ERROR_TYPES.map((t) => [
          t,
          calls.filter((c) => c.outcome === 'error' && (c.error_type ?? 'other') === t).length,
        ]),
      ),
      tokens: {
        input: sum(calls.map((c) => c.input_tokens)),
        output: sum(calls.map((c) => c.output_tokens)),
        cachedInput: sum(calls.map((c) => c.cached_input_tokens)),
      },
      costedCalls: costed.length,
      routes,
      scoredCalls: scored.length,
    },
    availability: calls.length ? ok.length / calls.length : null,
    primaryAvailability: calls.length ? ok.filter((c) => c.route === 'primary').length / calls.length : null,
    costUsd: sum(costed.map((c) => c.cost_usd!)),
    meanScore: scored.length ? sum(scored.map((c) => c.score!)) / scored.length : null,
    latency: { p50: percentile(latency, 0.5), p95: percentile(latency, 0.95), p99: percentile(latency, 0.99) },
    ttft: { p50: percentile(ttft, 0.5), p95: percentile(ttft, 0.95) },
  };
}

function expectWithin(actual: number | null, exact: number | null) {
  if (exact === null) return expect(actual).toBeNull();
  expect(Math.abs(actual! - exact)).toBeLessThanOrEqual(exact * RELATIVE_ERROR + 1e-9);
}

function expectStatsMatch(actual: Stats, calls: RawCall[], label: string) {
  const want = expectedStats(calls);
  expect(
    {
      calls: actual.calls,
      okCalls: actual.okCalls,
      errors: actual.errors,
      errorsByType: actual.errorsByType,
      tokens: actual.tokens,
      costedCalls: actual.costedCalls,
      routes: actual.routes,
      scoredCalls: actual.scoredCalls,
    },
    label,
  ).toEqual(want.counts);
  const close = (a: number | null, b: number | null, digits: number) =>
    b === null ? expect(a).toBeNull() : expect(a).toBeCloseTo(b, digits);
  close(actual.availability, want.availability, 12);
  close(actual.primaryAvailability, want.primaryAvailability, 12);
  close(actual.costUsd, want.costUsd, 9);
  close(actual.costPerCallUsd, want.counts.costedCalls ? want.costUsd / want.counts.costedCalls : null, 9);
  close(actual.meanScore, want.meanScore, 5); // scores are stored as float4
  if (actual.calls)
    for (const r of ROUTES) expect(actual.routeShare![r]).toBeCloseTo(want.counts.routes[r] / actual.calls, 12);
  else expect(actual.routeShare).toBeNull();
  expectWithin(actual.latencyMs.p50, want.latency.p50);
  expectWithin(actual.latencyMs.p95, want.latency.p95);
  expectWithin(actual.latencyMs.p99, want.latency.p99);
  expectWithin(actual.ttftMs.p50, want.ttft.p50);
  expectWithin(actual.ttftMs.p95, want.ttft.p95);
}

function getStats(feature: string, query: string, token?: string): Promise<Response> {
  return fetch(`${baseUrl()}/api/v1/features/${feature}/stats${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

describe('GET /api/v1/features/{key}/stats', () => {
  let readKey: string;
  let raw: RawCall[];
  beforeAll(async () => {
    const ingestKey = await createTestKey(['ingest'], 'stats-ingest');
    readKey = await createTestKey(['read'], 'stats-read');
    for (const [n, seed] of [
      [600, 1],
      [600, 2],
    ]) {
      const calls = makeCalls(n, seed);
      expect(await (await postCalls(ingestKey, { calls })).json()).toEqual({
        accepted: n,
        duplicates: 0,
        rejected: [],
      });
    }
    await rollupsCaughtUp();
    raw = await rawCalls();
  });

  const inWindow = (stats: FeatureStats, start: string, end: string, environment = 'production') =>
    raw.filter((c) => c.environment === environment && c.ts >= Date.parse(start) && c.ts < Date.parse(end));

  for (const [range, span, step] of [
    ['1h', HOUR, 60],
    ['24h', DAY, 900],
    ['7d', 7 * DAY, 3600],
    ['30d', 30 * DAY, 21_600],
  ] as const) {
    it(`answers the last ${range} in steps of ${step} s, totals and every point as computed from the raw calls`, async () => {
      const res = await getStats(FEATURE, `?range=${range}`, readKey);
      expect(res.status).toBe(200);
      const stats = (await res.json()) as FeatureStats;
      expect(stats).toMatchObject({ feature: FEATURE, environment: 'production', stepSeconds: step });
      // The window is in whole minutes and ends with the current minute.
      expect(Date.parse(stats.to) - Date.parse(stats.from)).toBe(span);
      expect(Date.parse(stats.to)).toBeGreaterThan(Date.now() - MINUTE);
      expectStatsMatch(stats.totals, inWindow(stats, stats.from, stats.to), `${range} totals`);
      expect(stats.totals.calls).toBeGreaterThan(0);

      expect(stats.series[0].start).toBe(stats.from);
      expect(stats.series.at(-1)!.end).toBe(stats.to);
      expect(stats.series.length).toBeGreaterThanOrEqual(span / (step * 1000));
      expect(stats.series.length).toBeLessThanOrEqual(span / (step * 1000) + 1);
      stats.series.forEach((point, i) => {
        if (i > 0) expect(point.start).toBe(stats.series[i - 1].end);
        expect(Date.parse(point.end) - Date.parse(point.start)).toBeLessThanOrEqual(step * 1000);
        if (i > 0 && i < stats.series.length - 1) expect(Date.parse(point.start) % (step * 1000)).toBe(0);
      });
      const checked =
        range === '30d' || range === '7d' ? stats.series.filter((p) => p.calls > 0).slice(0, 12) : stats.series;
      for (const point of checked)
        expectStatsMatch(point, inWindow(stats, point.start, point.end), `${range} point ${point.start}`);
      expect(sum(stats.series.map((p) => p.calls))).toBe(stats.totals.calls);
    });
  }

  it('answers a from/to range and another environment', async () => {
    const to = new Date(Date.now() - 2.5 * HOUR);
    const from = new Date(to.getTime() - 3 * DAY - 1234);
    const res = await getStats(
      FEATURE,
      `?from=${from.toISOString()}&to=${to.toISOString()}&environment=staging`,
      readKey,
    );
    expect(res.status).toBe(200);
    const stats = (await res.json()) as FeatureStats;
    expect(stats.environment).toBe('staging');
    expect(stats.stepSeconds).toBe(3600);
    expectStatsMatch(stats.totals, inWindow(stats, stats.from, stats.to, 'staging'), 'staging totals');
    for (const point of stats.series.filter((p) => p.calls > 0)) {
      expectStatsMatch(point, inWindow(stats, point.start, point.end, 'staging'), `staging point ${point.start}`);
    }
  });

  it('answers 400 with field errors for a bad query', async () => {
    const cases: [string, string][] = [
      ['?range=2d', 'range'],
      ['?from=yesterday', 'from'],
      [`?from=${new Date().toISOString()}&to=${new Date(Date.now() - HOUR).toISOString()}`, 'from'],
      [`?range=1h&from=${new Date(Date.now() - HOUR).toISOString()}`, 'range'],
      [`?from=${new Date(Date.now() - 100 * DAY).toISOString()}`, 'from'],
      ['?environment=' + encodeURIComponent('prod; drop'), 'environment'],
    ];
    for (const [query, field] of cases) {
      const res = await getStats(FEATURE, query, readKey);
      expect(res.status, query).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.fieldErrors[field], query).toBeDefined();
    }
    const unknown = await getStats(FEATURE, '?window=1h', readKey);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('window');
  });

  it('answers 404 for an unknown feature, 401 without a key, 403 for a key without the read scope', async () => {
    const missing = await getStats(`no-such-${Date.now().toString(36)}`, '', readKey);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
    expect((await getStats(FEATURE, '')).status).toBe(401);
    expect((await getStats(FEATURE, '', 'sb_not_a_real_key')).status).toBe(401);
    expect((await getStats(FEATURE, '', await createTestKey(['ingest']))).status).toBe(403);
  });
});
