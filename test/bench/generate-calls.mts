// Fills a database with N realistic calls over the last 30 days across 50 features (see
// calls-distribution.mts), for the read benchmarks. Rows go straight into `calls` and
// `call_bodies` with COPY FROM STDIN through postgres.js, not through the API (loading 10 million
// calls over HTTP would take the better part of an hour), and their rollups (minute, hour, total)
// aggregated in JS as ingestion does and copied beside them. Run by hand, never in CI:
//   npx tsx test/bench/generate-calls.mts --database-url postgres://postgres@127.0.0.1:5432/switchboard_bench --calls 1000000
// Options: --days 30, --features 50, --bodies 0.05 (fraction of calls with a stored prompt and
// completion), --seed 1, --verify (afterwards, rebuild the rollups from the raw calls with
// rebuildRollups and check that they equal the copied ones; slow beyond ~100,000 calls). The
// database must have no calls. Only a local Postgres is accepted; the database is created when
// missing and migrated with db/migrate.ts.
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { assertLocal } from '../support/test-database.ts';
import {
  ENVIRONMENTS,
  ENVIRONMENT_NAMES,
  ERROR_TYPES,
  ERROR_TYPE_NAMES,
  ROUTES,
  ROUTE_NAMES,
  featureWeights,
  hourWeights,
  lognormal,
  makeBursts,
  makeFeatures,
  pick,
  prng,
  cumulate,
} from './calls-distribution.mts';
import { COMPLETION, SYSTEM, USER } from './sample-calls.ts';
import type { NewCall } from '../../db/queries/calls.ts';
import type { NewRollup } from '../../db/queries/rollups.ts';

// The project's .ts files are CommonJS: required, they resolve their own imports (see switch-propagation.mts).
const require = createRequire(import.meta.url);
const { openDatabase } = require('../../db/client.ts') as typeof import('../../db/client.ts');
const { migrateDatabase } = require('../../db/migrate.ts') as typeof import('../../db/migrate.ts');
const { rebuildRollups } = require('../../lib/rollups/rebuild.ts') as typeof import('../../lib/rollups/rebuild.ts');
const { hourOf, hourlyRollupsOf, rollupsOf, totalRollupsOf } =
  require('../../lib/rollups/aggregate.ts') as typeof import('../../lib/rollups/aggregate.ts');
const { storedScore } = require('../../lib/rollups/scales.ts') as typeof import('../../lib/rollups/scales.ts');
const { builtinRedactor } =
  require('../../lib/sdk/redact/redactor.ts') as typeof import('../../lib/sdk/redact/redactor.ts');

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/switchboard_bench' },
    calls: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '30' },
    features: { type: 'string', default: '50' },
    bodies: { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '1' },
    verify: { type: 'boolean', default: false },
  },
});
const URL_ = args['database-url']!;
const CALLS = Number(args.calls);
const DAYS = Number(args.days);
const FEATURES = Number(args.features);
const BODIES = Number(args.bodies);
const CHUNK_ROWS = 2000;

const CALL_COLUMNS = [
  'id',
  'feature_id',
  'ts',
  'created_at',
  'model',
  'provider',
  'outcome',
  'error_type',
  'route',
  'fallback_depth',
  'latency_ms',
  'ttft_ms',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'cost_usd',
  'cost_source',
  'score',
  'user_id',
  'session_id',
  'environment',
  'release',
  'ingest_xid',
];

const ROLLUP_COLUMNS = [
  'bucket_start',
  'feature_id',
  'environment',
  'model',
  'route',
  'calls',
  'ok_calls',
  'error_calls',
  'err_timeout',
  'err_rate_limit',
  'err_server_error',
  'err_network',
  'err_content_filter',
  'err_other',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'cost_usd',
  'costed_calls',
  'scored_calls',
  'score_sum',
  'ttft_calls',
  'ttft_sum_ms',
  'latency_sum_ms',
  'latency_hist',
  'ttft_hist',
  'cost_hist',
  'score_hist',
];

/** One rollup row as a COPY line, in ROLLUP_COLUMNS order. */
const rollupLine = (r: NewRollup): string =>
  [
    r.bucketStart.toISOString(),
    r.featureId,
    r.environment,
    r.model,
    r.route,
    r.calls,
    r.okCalls,
    r.errorCalls,
    r.errTimeout,
    r.errRateLimit,
    r.errServerError,
    r.errNetwork,
    r.errContentFilter,
    r.errOther,
    r.inputTokens,
    r.outputTokens,
    r.cachedInputTokens,
    r.costUsd,
    r.costedCalls,
    r.scoredCalls,
    r.scoreSum,
    r.ttftCalls,
    r.ttftSumMs,
    r.latencySumMs,
    `{${r.latencyHist}}`,
    `{${r.ttftHist ?? ''}}`,
    `{${r.costHist ?? ''}}`,
    `{${r.scoreHist ?? ''}}`,
  ]
    .map((v) => field(v as string | number))
    .join('\t') + '\n';

async function ensureDatabase(url: string): Promise<void> {
  assertLocal(url);
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Database name "${name}": use lowercase letters, digits and _.`);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  const [{ exists }] = await admin`select exists (select 1 from pg_database where datname = ${name}) as exists`;
  if (!exists) await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const database = await openDatabase({ url, max: 2 }); // withLock holds one connection while migrating on another
  await migrateDatabase(database);
  await database.close();
}

/** COPY text format: backslash, tab, newline and carriage return escaped; null is \N. */
function field(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : value;
}

async function main() {
  await ensureDatabase(URL_);
  const sql = postgres(URL_, { max: 4, onnotice: () => {} }); // calls, minute and hour rollups copied at once
  const [{ n: existing }] = await sql`select count(*)::int as n from calls`;
  if (existing > 0) throw new Error(`${URL_} already has ${existing} calls: generate into an empty database.`);

  const random = prng(Number(args.seed));
  const features = makeFeatures(random, FEATURES);
  await sql`insert into features ${sql(features.map((f) => ({ key: f.key, name: f.key.replace(/-/g, ' ') })))} on conflict (key) do nothing`;
  const ids = new Map(
    (await sql`select id, key from features where key in ${sql(features.map((f) => f.key))}`).map((r) => [
      r.key as string,
      r.id as number,
    ]),
  );

  const endMs = Math.floor(Date.now() / 60_000) * 60_000;
  const startMs = endMs - DAYS * 86_400_000;
  const hours = DAYS * 24;
  const hourCum = cumulate(hourWeights(new Date(startMs), hours));
  const featureCum = featureWeights(FEATURES);
  const bursts = makeBursts(random, startMs, endMs, FEATURES);
  // Each call's id and ts: call_bodies is partitioned by the call's ts.
  const withBodies: [string, string][] = [];
  // COPY goes straight into the partitioned tables: every day needs its partitions first.
  const days = Array.from({ length: DAYS + 2 }, (_, i) =>
    new Date(startMs + i * 86_400_000).toISOString().slice(0, 10),
  );
  await sql`select ensure_call_partitions(${days}::date[])`;

  // Calls are generated hour by hour of the window (how many in each hour drawn up front), so that
  // the rollups can be aggregated here as the calls are made — with lib/rollups/aggregate.ts, as
  // ingestion does — and copied beside them: rebuilding them from 10 M raw calls took far longer
  // than generating the calls (--verify checks that both agree).
  const perHour = new Int32Array(hours);
  for (let i = 0; i < CALLS; i++) perHour[pick(random, hourCum)]++;

  function makeCall(hourStart: number): NewCall {
    const ts = hourStart + Math.floor(random() * 3_600_000);
    const fi = pick(random, featureCum);
    const f = features[fi];
    const route = ROUTE_NAMES[pick(random, ROUTES)] as NewCall['route'];
    const model = route === 'fallback' ? f.fallback : f.primary;
    const served = route === 'primary' || route === 'fallback';
    const burst = bursts.find((b) => b.feature === fi && ts >= b.from && ts < b.to);
    const failed = served && random() < (burst ? burst.errorRate : f.errorRate);
    const errorType = failed ? (ERROR_TYPE_NAMES[pick(random, ERROR_TYPES)] as NewCall['errorType']) : null;
    let latency = served
      ? Math.round(lognormal(random, model.medianMs, 0.55))
      : route === 'cache'
        ? Math.round(lognormal(random, 4, 0.5))
        : 0;
    if (errorType === 'timeout') latency = 30_000;
    if (route === 'fallback') latency += Math.round(lognormal(random, 900, 0.6)); // the failed primary attempt
    latency = Math.min(latency, 120_000);
    const input = served ? Math.round(lognormal(random, f.inputMedian, 0.6)) : null;
    const output = served && !failed ? Math.round(lognormal(random, f.outputMedian, 0.7)) : served ? 0 : null;
    const cached = input !== null && random() < 0.3 ? Math.floor(input * 0.5) : input === null ? null : 0;
    const cost =
      input === null
        ? null
        : ((input - (cached ?? 0)) * model.input + (cached ?? 0) * model.input * 0.5 + (output ?? 0) * model.output) /
          1e6;
    const id = crypto.randomUUID();
    if (served && random() < BODIES) withBodies.push([id, new Date(ts).toISOString()]);
    const envIndex = pick(random, ENVIRONMENTS);
    // The score as Postgres stores it (real), which is what the rebuild sums.
    const score = random() < 0.1 ? storedScore(Math.round(random() * 100) / 100) : null;
    return {
      id,
      featureId: ids.get(f.key)!,
      ts: new Date(ts),
      receivedAt: new Date(ts + latency + 50 + Math.floor(random() * 900)),
      model: served ? model.name : route,
      provider: served ? model.provider : null,
      outcome: failed ? 'error' : 'ok',
      errorType,
      route,
      fallbackDepth: route === 'fallback' ? 1 : 0,
      latencyMs: latency,
      ttftMs: served && !failed ? Math.round(latency * (0.15 + random() * 0.2)) : null,
      inputTokens: input,
      outputTokens: output,
      cachedInputTokens: cached,
      costUsd: cost,
      costSource: cost === null ? null : 'price_table',
      score,
      userId: `u-${Math.floor(random() * 20_000)}`,
      sessionId: random() < 0.7 ? `s-${Math.floor(random() * 200_000)}` : null,
      environment: ENVIRONMENT_NAMES[envIndex],
      release: f.release,
    };
  }

  const callLine = (c: NewCall): string =>
    [
      c.id!,
      c.featureId,
      c.ts.toISOString(),
      c.receivedAt!.toISOString(),
      c.model,
      c.provider ?? null,
      c.outcome,
      c.errorType ?? null,
      c.route,
      c.fallbackDepth!,
      c.latencyMs,
      c.ttftMs ?? null,
      c.inputTokens ?? null,
      c.outputTokens ?? null,
      c.cachedInputTokens ?? null,
      c.costUsd ?? null,
      c.costSource ?? null,
      c.score ?? null,
      c.userId ?? null,
      c.sessionId ?? null,
      c.environment,
      c.release ?? null,
      null, // no ingest_xid: these calls come with their rollups, the aggregator must not count them again
    ]
      .map(field)
      .join('\t') + '\n';

  // Rollup rows go to their own COPY streams while the calls are copied (two more connections).
  const minuteCopy = new PassThrough();
  const hourCopy = new PassThrough();
  const rollupCopies = [
    pipeline(minuteCopy, await sql`copy call_rollups (${sql.unsafe(ROLLUP_COLUMNS.join(', '))}) from stdin`.writable()),
    pipeline(
      hourCopy,
      await sql`copy call_rollups_hourly (${sql.unsafe(ROLLUP_COLUMNS.join(', '))}) from stdin`.writable(),
    ),
  ];
  const write = async (stream: PassThrough, text: string) => {
    if (text && !stream.write(text)) await once(stream, 'drain');
  };
  let rollupRows = 0;
  let totals: NewRollup[] = [];
  // Minute rows of the clock hour still open: generation hours start on the window's minute, not on the hour.
  let openHour: NewRollup[] = [];

  async function* callChunks(): AsyncGenerator<string> {
    for (let h = 0; h < hours; h++) {
      const hourStart = startMs + h * 3_600_000;
      const made = Array.from({ length: perHour[h] }, () => makeCall(hourStart));
      yield made.map(callLine).join('');
      const minutes = rollupsOf(made);
      await write(minuteCopy, minutes.map(rollupLine).join(''));
      rollupRows += minutes.length;
      const closedBefore = h === hours - 1 ? Infinity : hourOf(new Date(hourStart + 3_600_000)).getTime();
      openHour.push(...minutes);
      const closed = openHour.filter((m) => m.bucketStart.getTime() < closedBefore);
      openHour = openHour.filter((m) => m.bucketStart.getTime() >= closedBefore);
      const hourly = hourlyRollupsOf(closed);
      await write(hourCopy, hourly.map(rollupLine).join(''));
      rollupRows += hourly.length;
      totals = totalRollupsOf([...totals, ...hourly]);
    }
    minuteCopy.end();
    hourCopy.end();
  }

  // Bodies are stored redacted: the templates are redacted once, as ingestion would.
  const counts = {};
  const prompts = USER.map((u) =>
    field(
      JSON.stringify(
        builtinRedactor.value(
          [
            { role: 'system', content: SYSTEM },
            { role: 'user', content: u },
          ],
          counts,
        ),
      ),
    ),
  );
  const completion = field(builtinRedactor.text(COMPLETION, counts));
  function* bodyChunks(): Generator<string> {
    for (let done = 0; done < withBodies.length; done += CHUNK_ROWS) {
      let chunk = '';
      for (const [id, ts] of withBodies.slice(done, done + CHUNK_ROWS)) {
        const i = Math.floor(random() * prompts.length);
        chunk += `${id}\t${ts}\t${prompts[i]}\t${completion}\t{"region": "eu"}\t${i === 0 ? '\\N' : '{"EMAIL": 1}'}\n`;
      }
      yield chunk;
    }
  }

  const t0 = performance.now();
  await pipeline(
    Readable.from(callChunks()),
    await sql`copy calls (${sql.unsafe(CALL_COLUMNS.join(', '))}) from stdin`.writable(),
  );
  await Promise.all(rollupCopies);
  await pipeline(
    Readable.from([totals.map((t) => rollupLine(t).slice(t.bucketStart.toISOString().length + 1)).join('')]),
    await sql`copy call_rollups_total (${sql.unsafe(ROLLUP_COLUMNS.slice(1).join(', '))}) from stdin`.writable(),
  );
  rollupRows += totals.length;
  const t1 = performance.now();
  await pipeline(
    Readable.from(bodyChunks()),
    await sql`copy call_bodies (call_id, ts, prompt, completion, metadata, redactions) from stdin`.writable(),
  );
  const t2 = performance.now();
  if (args.verify) await verifyRollups(sql, new Date(startMs), new Date(endMs));
  const t3 = performance.now();
  await sql`analyze calls`;
  await sql`analyze call_bodies`;
  await sql`analyze call_rollups`;
  await sql`analyze call_rollups_hourly`;
  const t4 = performance.now();
  const [{ total }] = await sql`select count(*)::int as total from calls`;
  await sql.end();

  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `calls: ${CALLS.toLocaleString('en')} in ${s(t1 - t0)} s = ${Math.round(CALLS / ((t1 - t0) / 1000)).toLocaleString('en')} rows/s (generated and copied)`,
  );
  console.log(
    `call_bodies: ${withBodies.length.toLocaleString('en')} in ${s(t2 - t1)} s = ${Math.round(withBodies.length / ((t2 - t1) / 1000) || 0).toLocaleString('en')} rows/s`,
  );
  console.log(`rollups: ${rollupRows.toLocaleString('en')} rows, aggregated and copied with the calls`);
  console.log(
    `analyze: ${s(t4 - t3)} s; total ${s(t4 - t0)} s; ${total.toLocaleString('en')} calls in ${new URL(URL_).pathname.slice(1)} over ${DAYS} days, ${FEATURES} features`,
  );
}

/**
 * Rebuilds the rollups from the raw calls (rebuildRollups) and checks that every table holds the
 * same rows as the copied ones: counts, token sums and histograms equal, float sums (cost, score)
 * equal but for summation order (relative 1e-9). Throws on any difference.
 */
async function verifyRollups(sql: postgres.Sql, from: Date, to: Date): Promise<void> {
  const tables = {
    call_rollups: 'feature_id, bucket_start, environment, model, route',
    call_rollups_hourly: 'feature_id, bucket_start, environment, model, route',
    call_rollups_total: 'feature_id, environment, model, route',
  };
  for (const table of Object.keys(tables))
    await sql.unsafe(`create temp table copied_${table} as select * from ${table}`);
  const database = await openDatabase({ url: URL_, max: 2 });
  await rebuildRollups(database.db, { from, to: new Date(to.getTime() + 3_600_000) });
  await database.close();
  const exact = ROLLUP_COLUMNS.slice(1).filter(
    (c) => !['cost_usd', 'score_sum', 'feature_id', 'environment', 'model', 'route'].includes(c),
  );
  const differs = [
    ...exact.map((c) => `a.${c} is distinct from b.${c}`),
    ...['cost_usd', 'score_sum'].map(
      (c) =>
        `a.${c} is null or b.${c} is null or abs(a.${c} - b.${c}) > 1e-9 * greatest(abs(a.${c}), abs(b.${c}), 1e-12)`,
    ),
  ].join(' or ');
  for (const [table, key] of Object.entries(tables)) {
    const [{ rows, different }] = await sql.unsafe(`
      select count(*)::int as rows, (count(*) filter (where ${differs}))::int as different
      from copied_${table} a full join ${table} b using (${key})`);
    console.log(`verify ${table}: ${rows} rows, ${different} different from rebuildRollups`);
    if (different > 0) throw new Error(`${table}: the copied rollups differ from rebuildRollups in ${different} rows`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
