// Fills a database with N realistic calls over the last 30 days across 50 features (see
// calls-distribution.mts), for the read benchmarks. Rows go straight into `calls` and
// `call_bodies` with COPY FROM STDIN through postgres.js, not through the API (loading 10 million
// calls over HTTP would take the better part of an hour); then the rollups are rebuilt from them. Run by hand, never in CI:
//   npx tsx test/bench/generate-calls.mts --database-url postgres://postgres@127.0.0.1:5432/switchboard_bench --calls 1000000
// Options: --days 30, --features 50, --bodies 0.05 (fraction of calls with a stored prompt and
// completion), --seed 1, --append (add to a database that already has calls). Only a local
// Postgres is accepted; the database is created when missing and migrated with db/migrate.ts.
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { assertLocal } from '../support/test-database.ts';
import {
  ENVIRONMENTS, ENVIRONMENT_NAMES, ERROR_TYPES, ERROR_TYPE_NAMES, ROUTES, ROUTE_NAMES,
  featureWeights, hourWeights, lognormal, makeBursts, makeFeatures, pick, prng, cumulate,
} from './calls-distribution.mts';
import { COMPLETION, SYSTEM, USER } from './sample-calls.ts';

// The project's .ts files are CommonJS: required, they resolve their own imports (see switch-propagation.mts).
const require = createRequire(import.meta.url);
const { openDatabase } = require('../../db/client.ts') as typeof import('../../db/client.ts');
const { migrateDatabase } = require('../../db/migrate.ts') as typeof import('../../db/migrate.ts');
const { rebuildRollups } = require('../../db/queries/rollups.ts') as typeof import('../../db/queries/rollups.ts');
const { builtinRedactor } = require('../../lib/sdk/redact/redactor.ts') as typeof import('../../lib/sdk/redact/redactor.ts');

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/switchboard_bench' },
    calls: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '30' },
    features: { type: 'string', default: '50' },
    bodies: { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '1' },
    append: { type: 'boolean', default: false },
  },
});
const URL_ = args['database-url']!;
const CALLS = Number(args.calls);
const DAYS = Number(args.days);
const FEATURES = Number(args.features);
const BODIES = Number(args.bodies);
const CHUNK_ROWS = 2000;

const CALL_COLUMNS = ['id', 'feature_id', 'ts', 'created_at', 'model', 'provider', 'outcome', 'error_type', 'route', 'fallback_depth', 'latency_ms', 'ttft_ms', 'input_tokens', 'output_tokens', 'cached_input_tokens', 'cost_usd', 'cost_source', 'score', 'user_id', 'session_id', 'environment', 'release'];

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
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : value;
}

async function main() {
  await ensureDatabase(URL_);
  const sql = postgres(URL_, { max: 2, onnotice: () => {} });
  const [{ n: existing }] = await sql`select count(*)::int as n from calls`;
  if (existing > 0 && !args.append) throw new Error(`${URL_} already has ${existing} calls; pass --append to add more.`);

  const random = prng(Number(args.seed));
  const features = makeFeatures(random, FEATURES);
  await sql`insert into features ${sql(features.map((f) => ({ key: f.key, name: f.key.replace(/-/g, ' ') })))} on conflict (key) do nothing`;
  const ids = new Map((await sql`select id, key from features where key in ${sql(features.map((f) => f.key))}`).map((r) => [r.key as string, r.id as number]));

  const endMs = Math.floor(Date.now() / 60_000) * 60_000;
  const startMs = endMs - DAYS * 86_400_000;
  const hours = DAYS * 24;
  const hourCum = cumulate(hourWeights(new Date(startMs), hours));
  const featureCum = featureWeights(FEATURES);
  const bursts = makeBursts(random, startMs, endMs, FEATURES);
  // Each call's id and ts: call_bodies is partitioned by the call's ts.
  const withBodies: [string, string][] = [];
  // COPY goes straight into the partitioned tables: every day needs its partitions first.
  const days = Array.from({ length: DAYS + 2 }, (_, i) => new Date(startMs + i * 86_400_000).toISOString().slice(0, 10));
  await sql`select ensure_call_partitions(${days}::date[])`;

  function callLine(): string {
    const hour = pick(random, hourCum);
    const ts = startMs + hour * 3_600_000 + Math.floor(random() * 3_600_000);
    const fi = pick(random, featureCum);
    const f = features[fi];
    const route = ROUTE_NAMES[pick(random, ROUTES)];
    const model = route === 'fallback' ? f.fallback : f.primary;
    const served = route === 'primary' || route === 'fallback';
    const burst = bursts.find((b) => b.feature === fi && ts >= b.from && ts < b.to);
    const failed = served && random() < (burst ? burst.errorRate : f.errorRate);
    const errorType = failed ? ERROR_TYPE_NAMES[pick(random, ERROR_TYPES)] : null;
    let latency = served ? Math.round(lognormal(random, model.medianMs, 0.55)) : route === 'cache' ? Math.round(lognormal(random, 4, 0.5)) : 0;
    if (errorType === 'timeout') latency = 30_000;
    if (route === 'fallback') latency += Math.round(lognormal(random, 900, 0.6)); // the failed primary attempt
    latency = Math.min(latency, 120_000);
    const input = served ? Math.round(lognormal(random, f.inputMedian, 0.6)) : null;
    const output = served && !failed ? Math.round(lognormal(random, f.outputMedian, 0.7)) : served ? 0 : null;
    const cached = input !== null && random() < 0.3 ? Math.floor(input * 0.5) : input === null ? null : 0;
    const cost = input === null ? null : ((input - (cached ?? 0)) * model.input + (cached ?? 0) * model.input * 0.5 + (output ?? 0) * model.output) / 1e6;
    const id = crypto.randomUUID();
    if (served && random() < BODIES) withBodies.push([id, new Date(ts).toISOString()]);
    const envIndex = pick(random, ENVIRONMENTS);
    return [
      id, ids.get(f.key)!, new Date(ts).toISOString(), new Date(ts + latency + 50 + Math.floor(random() * 900)).toISOString(),
      served ? model.name : route, served ? model.provider : null, failed ? 'error' : 'ok', errorType, route,
      route === 'fallback' ? 1 : 0, latency, served && !failed ? Math.round(latency * (0.15 + random() * 0.2)) : null,
      input, output, cached, cost, cost === null ? null : 'price_table', random() < 0.1 ? Math.round(random() * 100) / 100 : null,
      `u-${Math.floor(random() * 20_000)}`, random() < 0.7 ? `s-${Math.floor(random() * 200_000)}` : null, ENVIRONMENT_NAMES[envIndex], f.release,
    ].map(field).join('\t') + '\n';
  }

  function* callChunks(): Generator<string> {
    for (let done = 0; done < CALLS; done += CHUNK_ROWS) {
      let chunk = '';
      for (let i = 0; i < Math.min(CHUNK_ROWS, CALLS - done); i++) chunk += callLine();
      yield chunk;
    }
  }

  // Bodies are stored redacted: the templates are redacted once, as ingestion would.
  const counts = {};
  const prompts = USER.map((u) => field(JSON.stringify(builtinRedactor.value([{ role: 'system', content: SYSTEM }, { role: 'user', content: u }], counts))));
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
  await pipeline(Readable.from(callChunks()), await sql`copy calls (${sql.unsafe(CALL_COLUMNS.join(', '))}) from stdin`.writable());
  const t1 = performance.now();
  await pipeline(Readable.from(bodyChunks()), await sql`copy call_bodies (call_id, ts, prompt, completion, metadata, redactions) from stdin`.writable());
  const t2 = performance.now();
  // COPY bypasses ingestion, so the rollups (which every dashboard reads) are rebuilt from the raw calls.
  const database = await openDatabase({ url: URL_, max: 2 });
  const { rows: rollupRows } = await rebuildRollups(database.db, { from: new Date(startMs), to: new Date(endMs + 3_600_000) });
  await database.close();
  const t3 = performance.now();
  await sql`analyze calls`;
  await sql`analyze call_bodies`;
  await sql`analyze call_rollups`;
  await sql`analyze call_rollups_hourly`;
  const t4 = performance.now();
  const [{ total }] = await sql`select count(*)::int as total from calls`;
  await sql.end();

  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(`calls: ${CALLS.toLocaleString('en')} in ${s(t1 - t0)} s = ${Math.round(CALLS / ((t1 - t0) / 1000)).toLocaleString('en')} rows/s (generated and copied)`);
  console.log(`call_bodies: ${withBodies.length.toLocaleString('en')} in ${s(t2 - t1)} s = ${Math.round(withBodies.length / ((t2 - t1) / 1000) || 0).toLocaleString('en')} rows/s`);
  console.log(`rollups rebuilt: ${rollupRows.toLocaleString('en')} rows in ${s(t3 - t2)} s`);
  console.log(`analyze: ${s(t4 - t3)} s; total ${s(t4 - t0)} s; ${total.toLocaleString('en')} calls in ${new URL(URL_).pathname.slice(1)} over ${DAYS} days, ${FEATURES} features`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
