import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '@/db/client';
import { rebuildRollups } from '@/lib/rollups/rebuild';
import { RELATIVE_ERROR, addValue, histogramOf, mergeHistograms, quantile } from '@/lib/rollups/histogram';
import { COST_RELATIVE_ERROR, COST_SCALE, SCORE_SCALE, costQuantile, storedScore } from '@/lib/rollups/scales';
import { postCalls } from '../support/calls';
import { runCli } from '../support/cli';
import { seeded } from '../support/sampling';
import { createTestKey, rollupsCaughtUp, testDatabase } from '../support/system';

const suffix = Date.now().toString(36);
const FEATURES = [`ru-a-${suffix}`, `ru-b-${suffix}`];
const ERROR_TYPES = ['timeout', 'rate_limit', 'server_error', 'network', 'content_filter', 'other'];
const ROUTES = ['primary', 'fallback', 'cache'];

/** Calls over the last three hours across features, models, routes and environments. */
function makeCalls(n: number, seed: number) {
  const rnd = seeded(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const now = Date.now();
  return Array.from({ length: n }, () => {
    const error = rnd() < 0.15;
    return {
      id: randomUUID(),
      feature: pick(FEATURES),
      timestamp: new Date(now - Math.floor(rnd() * 3 * 3_600_000)).toISOString(),
      model: pick(['gpt-4o-mini', 'claude-3-5-haiku']),
      route: pick(ROUTES),
      environment: rnd() < 0.8 ? 'production' : 'staging',
      outcome: error ? 'error' : 'ok',
      ...(error ? { errorType: pick(ERROR_TYPES) } : {}),
      latencyMs: Math.round(Math.exp(4 + rnd() * 6)),
      ...(rnd() < 0.5 ? { ttftMs: Math.round(rnd() * 400) } : {}),
      inputTokens: 100 + Math.floor(rnd() * 2000),
      outputTokens: Math.floor(rnd() * 500),
      cachedInputTokens: Math.floor(rnd() * 100),
      ...(rnd() < 0.7 ? { costUsd: Math.round(rnd() * 1e6) / 1e8 } : {}),
      ...(rnd() < 0.3 ? { score: Math.round(rnd() * 100) / 100 } : {}),
    };
  });
}

interface RollupRow {
  key: string;
  calls: number;
  ok_calls: number;
  error_calls: number;
  err_timeout: number;
  err_rate_limit: number;
  err_server_error: number;
  err_network: number;
  err_content_filter: number;
  err_other: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cost_usd: number;
  costed_calls: number;
  scored_calls: number;
  score_sum: number;
  ttft_calls: number;
  ttft_sum_ms: number;
  latency_sum_ms: number;
  latency_hist: number[];
  ttft_hist: number[];
  cost_hist: number[];
  score_hist: number[];
}

/** The rollup tables; the all-time totals have no bucket (0 in the keys below). */
const TABLES = {
  minute: { name: 'call_rollups', seconds: 60 },
  hour: { name: 'call_rollups_hourly', seconds: 3600 },
  total: { name: 'call_rollups_total', seconds: null },
} as const;
type Width = keyof typeof TABLES;
const WIDTHS = Object.keys(TABLES) as Width[];

const keyOf = (width: Width) =>
  sql`f.key || '|' || ${sql.raw(width === 'total' ? '0' : 'extract(epoch from r.bucket_start)::bigint')} || '|' || r.environment || '|' || r.model || '|' || r.route`;

/** The stored rollups (minute or hourly) of the test features, by key, numbers as numbers. */
async function storedRollups(width: Width = 'minute'): Promise<Map<string, RollupRow>> {
  const { db } = await testDatabase();
  const rows = resultRows<RollupRow>(
    await db.execute(sql`
    select ${keyOf(width)} as key, r.calls, r.ok_calls, r.error_calls, r.err_timeout, r.err_rate_limit, r.err_server_error, r.err_network,
           r.err_content_filter, r.err_other, r.input_tokens::float8 as input_tokens, r.output_tokens::float8 as output_tokens,
           r.cached_input_tokens::float8 as cached_input_tokens, r.cost_usd, r.costed_calls, r.scored_calls, r.score_sum,
           r.ttft_calls, r.ttft_sum_ms::float8 as ttft_sum_ms, r.latency_sum_ms::float8 as latency_sum_ms, r.latency_hist,
           r.ttft_hist, r.cost_hist, r.score_hist
    from ${sql.raw(TABLES[width].name)} r join features f on f.id = r.feature_id
    where f.key in (${sql.join(
      FEATURES.map((k) => sql`${k}`),
      sql`, `,
    )})`),
  );
  return new Map(rows.map((r) => [r.key, r]));
}

/** The same figures computed directly from the raw calls (histograms in JS). */
async function rawRollups(width: Width = 'minute'): Promise<Map<string, RollupRow>> {
  const seconds = TABLES[width].seconds;
  const { db } = await testDatabase();
  const rows = resultRows<{
    key: string;
    outcome: string;
    error_type: string | null;
    latency_ms: number;
    ttft_ms: number | null;
    input_tokens: number | null;
    output_tokens: number | null;
    cached_input_tokens: number | null;
    cost_usd: number | null;
    score: number | null;
  }>(
    await db.execute(sql`
      select f.key || '|' || ${seconds === null ? sql`0` : sql`(floor(extract(epoch from c.ts) / ${seconds}::int) * ${seconds}::int)::bigint`} || '|' || c.environment || '|' || c.model || '|' || c.route as key,
             c.outcome, c.error_type, c.latency_ms, c.ttft_ms, c.input_tokens, c.output_tokens, c.cached_input_tokens, c.cost_usd, c.score
      from calls c join features f on f.id = c.feature_id
      where f.key in (${sql.join(
        FEATURES.map((k) => sql`${k}`),
        sql`, `,
      )})`),
  );
  const out = new Map<string, RollupRow & { latencies: number[] }>();
  for (const c of rows) {
    let g = out.get(c.key);
    if (!g) {
      g = {
        key: c.key,
        calls: 0,
        ok_calls: 0,
        error_calls: 0,
        err_timeout: 0,
        err_rate_limit: 0,
        err_server_error: 0,
        err_network: 0,
        err_content_filter: 0,
        err_other: 0,
        input_tokens: 0,
        output_tokens: 0,
        cached_input_tokens: 0,
        cost_usd: 0,
        costed_calls: 0,
        scored_calls: 0,
        score_sum: 0,
        ttft_calls: 0,
        ttft_sum_ms: 0,
        latency_sum_ms: 0,
        latency_hist: [],
        latencies: [],
        ttft_hist: [],
        cost_hist: [],
        score_hist: [],
      };
      out.set(c.key, g);
    }
    g.calls++;
    if (c.outcome === 'ok') g.ok_calls++;
    else {
      g.error_calls++;
      (g as unknown as Record<string, number>)[`err_${c.error_type ?? 'other'}`]++;
    }
    g.input_tokens += c.input_tokens ?? 0;
    g.output_tokens += c.output_tokens ?? 0;
    g.cached_input_tokens += c.cached_input_tokens ?? 0;
    if (c.cost_usd !== null) {
      g.cost_usd += c.cost_usd;
      g.costed_calls++;
      addValue(g.cost_hist, c.cost_usd, COST_SCALE);
    }
    if (c.score !== null) {
      g.score_sum += c.score;
      g.scored_calls++;
      addValue(g.score_hist, storedScore(c.score), SCORE_SCALE);
    }
    if (c.ttft_ms !== null) {
      g.ttft_sum_ms += c.ttft_ms;
      g.ttft_calls++;
      addValue(g.ttft_hist, c.ttft_ms);
    }
    g.latency_sum_ms += c.latency_ms;
    g.latencies.push(c.latency_ms);
  }
  for (const g of out.values()) {
    g.latency_hist = histogramOf(g.latencies);
    delete (g as Partial<typeof g>).latencies;
  }
  return out;
}

/** Float sums (cost, score) may differ in the last bits with the order of addition. */
function expectSameRollups(actual: Map<string, RollupRow>, expected: Map<string, RollupRow>) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, want] of expected) {
    const got = actual.get(key)!;
    const { cost_usd, score_sum, ...exact } = want;
    expect({ ...got, cost_usd: undefined, score_sum: undefined }, key).toEqual({
      ...exact,
      cost_usd: undefined,
      score_sum: undefined,
    });
    expect(got.cost_usd).toBeCloseTo(cost_usd, 9);
    expect(got.score_sum).toBeCloseTo(score_sum, 5); // scores are stored as real (float4)
  }
}

describe('call rollups', () => {
  let key: string;
  const batches = [makeCalls(400, 1), makeCalls(300, 2)];
  beforeAll(async () => {
    key = await createTestKey(['ingest'], 'rollup-tests');
    for (const calls of batches) {
      const res = await postCalls(key, { calls });
      expect(await res.json()).toEqual({ accepted: calls.length, duplicates: 0, rejected: [] });
    }
    await rollupsCaughtUp();
  });

  it('agree with a direct computation over the raw calls, per minute, per hour and over all time', async () => {
    for (const width of WIDTHS) {
      const stored = await storedRollups(width);
      expect([...stored.values()].reduce((n, r) => n + r.calls, 0)).toBe(700);
      expectSameRollups(stored, await rawRollups(width));
    }
    // Three hours of calls: far fewer hourly rows than minute rows.
    expect((await storedRollups('hour')).size).toBeLessThan((await storedRollups('minute')).size / 5);
  });

  it('give the same histograms summed per hour and over all time as per minute', async () => {
    const minutes = await storedRollups('minute');
    for (const width of ['hour', 'total'] as const) {
      const coarser = await storedRollups(width);
      for (const feature of FEATURES) {
        const of = (rows: Map<string, RollupRow>, pick: (r: RollupRow) => number[]) =>
          mergeHistograms(...[...rows.values()].filter((r) => r.key.startsWith(`${feature}|`)).map(pick));
        for (const pick of [
          (r: RollupRow) => r.latency_hist,
          (r: RollupRow) => r.ttft_hist,
          (r: RollupRow) => r.cost_hist,
          (r: RollupRow) => r.score_hist,
        ]) {
          expect(of(coarser, pick)).toEqual(of(minutes, pick));
        }
      }
    }
  });

  it('give TTFT percentiles and cost percentiles within the histograms’ stated error', async () => {
    const { db } = await testDatabase();
    const hours = await storedRollups('hour');
    for (const feature of FEATURES) {
      const rows = [...hours.values()].filter((r) => r.key.startsWith(`${feature}|`));
      const [exact] = resultRows<{ t50: number; t95: number; c50: number; c99: number }>(
        await db.execute(sql`
        select percentile_cont(0.5) within group (order by ttft_ms) as t50, percentile_cont(0.95) within group (order by ttft_ms) as t95,
               percentile_cont(0.5) within group (order by cost_usd) as c50, percentile_cont(0.99) within group (order by cost_usd) as c99
        from calls c join features f on f.id = c.feature_id where f.key = ${feature}`),
      );
      const ttft = mergeHistograms(...rows.map((r) => r.ttft_hist));
      for (const [q, want] of [
        [0.5, exact.t50],
        [0.95, exact.t95],
      ] as const) {
        expect(Math.abs(quantile(ttft, q)! - Number(want))).toBeLessThanOrEqual(Number(want) * RELATIVE_ERROR + 1e-9);
      }
      const cost = mergeHistograms(...rows.map((r) => r.cost_hist));
      for (const [q, want] of [
        [0.5, exact.c50],
        [0.99, exact.c99],
      ] as const) {
        expect(Math.abs(costQuantile(cost, q)! - Number(want))).toBeLessThanOrEqual(
          Number(want) * COST_RELATIVE_ERROR + 1e-6,
        );
      }
    }
  });

  it('give each feature’s p50/p95/p99 within the histogram’s stated error', async () => {
    const { db } = await testDatabase();
    const stored = await storedRollups();
    for (const feature of FEATURES) {
      const hist = mergeHistograms(
        ...[...stored.values()].filter((r) => r.key.startsWith(`${feature}|`)).map((r) => r.latency_hist),
      );
      const [exact] = resultRows<{ p50: number; p95: number; p99: number }>(
        await db.execute(sql`
        select percentile_cont(0.5) within group (order by latency_ms) as p50, percentile_cont(0.95) within group (order by latency_ms) as p95,
               percentile_cont(0.99) within group (order by latency_ms) as p99
        from calls c join features f on f.id = c.feature_id where f.key = ${feature}`),
      );
      for (const [q, want] of [
        [0.5, exact.p50],
        [0.95, exact.p95],
        [0.99, exact.p99],
      ] as const) {
        expect(Math.abs(quantile(hist, q)! - Number(want))).toBeLessThanOrEqual(Number(want) * RELATIVE_ERROR + 1e-9);
      }
    }
  });

  it('are unchanged by an idempotent re-send (only the new call counts)', async () => {
    const before = await Promise.all(WIDTHS.map((w) => storedRollups(w)));
    const res = await postCalls(key, { calls: batches[1].slice(0, 100) });
    expect(await res.json()).toEqual({ accepted: 0, duplicates: 100, rejected: [] });
    await rollupsCaughtUp();
    expect(await Promise.all(WIDTHS.map((w) => storedRollups(w)))).toEqual(before);

    const extra = makeCalls(1, 3)[0];
    const mixed = await postCalls(key, { calls: [...batches[0].slice(0, 50), extra] });
    expect(await mixed.json()).toEqual({ accepted: 1, duplicates: 50, rejected: [] });
    await rollupsCaughtUp();
    const after = await storedRollups();
    expect([...after.values()].reduce((n, r) => n + r.calls, 0)).toBe(701);
    for (const width of WIDTHS) expectSameRollups(await storedRollups(width), await rawRollups(width));
  });

  it('are reproduced by a rebuild from the raw calls', async () => {
    const { db } = await testDatabase();
    const before = await Promise.all(WIDTHS.map((w) => storedRollups(w)));
    const expectUnchanged = async () => {
      for (const [i, width] of WIDTHS.entries()) expectSameRollups(await storedRollups(width), before[i]);
    };
    for (const width of WIDTHS) {
      await db.execute(
        sql`update ${sql.raw(TABLES[width].name)} set calls = calls + 1000, cost_hist = '{}' where feature_id in (select id from features where key = ${FEATURES[0]})`,
      );
    }
    // A range that does not start on an hour: the hourly rows of its first hour are rebuilt whole.
    await rebuildRollups(db, { from: new Date(Date.now() - 3.5 * 3_600_000), to: new Date() });
    await expectUnchanged();
    await rebuildRollups(db);
    await expectUnchanged();
  });

  it('are rebuilt by `switchboard rollups rebuild`, which checks its options', async () => {
    const before = await Promise.all(WIDTHS.map((w) => storedRollups(w)));
    const { db } = await testDatabase();
    for (const width of WIDTHS) {
      await db.execute(
        sql`delete from ${sql.raw(TABLES[width].name)} where feature_id in (select id from features where key = ${FEATURES[1]})`,
      );
    }
    const res = await runCli(['rollups', 'rebuild', '--from', new Date(Date.now() - 4 * 3_600_000).toISOString()]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Rebuilt \d+ rollup rows? from /);
    for (const [i, width] of WIDTHS.entries()) expectSameRollups(await storedRollups(width), before[i]);

    const bad = await runCli(['rollups', 'rebuild', '--from', 'yesterday']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('ISO-8601');
  });
});
