// Read latency on a large database: the overview API, a feature's 30-day stats (the feature page),
// the explorer's first page with two filters, and a 24-hour CSV export, through the built app
// (`next start`) against databases filled by generate-calls.mts. Several databases in one run give
// the scaling side by side (e.g. 1 M and 10 M calls). Run by hand, never in CI:
//   npx next build
//   npx tsx test/bench/reads.mts --database-url postgres://postgres@127.0.0.1:5432/switchboard_bench_1m \
//     --database-url postgres://postgres@127.0.0.1:5432/switchboard_bench_10m [--requests 60]
// Requests are sequential (one user), after 5 uncounted warm-up requests per endpoint; the first
// request of each endpoint (cold: nothing in the server's rollup caches yet) is reported apart.
// Each database is first migrated (so that indexes added since it was generated exist), given a
// `read` API key and the SLOs and budgets of bench-slos.mts (so the overview evaluates 200 SLOs,
// as it would in a real deployment); its calls are read as they are.
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { startAppServer } from '../support/app-server.ts';
import { assertLocal } from '../support/test-database.ts';
import { addBenchSlos } from './bench-slos.mts';

const require = createRequire(import.meta.url); // see switch-propagation.mts for why
const { openDatabase } = require('../../db/client.ts') as typeof import('../../db/client.ts');
const { migrateDatabase } = require('../../db/migrate.ts') as typeof import('../../db/migrate.ts');
const { createApiKey } = require('../../lib/api-keys/manage.ts') as typeof import('../../lib/api-keys/manage.ts');

const { values: args } = parseArgs({
  options: {
    'database-url': {
      type: 'string',
      multiple: true,
      default: ['postgres://postgres@127.0.0.1:5432/switchboard_bench'],
    },
    requests: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '5' },
  },
});
const REQUESTS = Number(args.requests);
const WARMUP = Number(args.warmup);

interface Timing {
  first: number;
  p50: number;
  p95: number;
  max: number;
}

interface DatabaseResult {
  label: string;
  calls: number;
  rollupRows: string;
  timings: Record<string, Timing>;
  export: { rows: number; bytes: number; seconds: number };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function timeRequests(get: () => Promise<Response>): Promise<Timing> {
  const times: number[] = [];
  let firstMs: number | undefined;
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t0 = performance.now();
    const res = await get();
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${res.status} ${body.slice(0, 300)}`);
    firstMs ??= ms;
    if (i >= WARMUP) times.push(ms);
  }
  const first = firstMs!;
  times.sort((a, b) => a - b);
  return { first, p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: times[times.length - 1] };
}

/** Streams a CSV download and counts its records (newlines outside quotes) without keeping it. */
async function timeExport(get: () => Promise<Response>): Promise<DatabaseResult['export']> {
  const t0 = performance.now();
  const res = await get();
  if (res.status !== 200 || !res.body) throw new Error(`export: ${res.status} ${await res.text()}`);
  let lines = 0;
  let bytes = 0;
  let quoted = false;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] === 34) quoted = !quoted;
      else if (chunk[i] === 10 && !quoted) lines++;
    }
  }
  return { rows: lines - 1, bytes, seconds: (performance.now() - t0) / 1000 };
}

async function benchDatabase(url: string): Promise<DatabaseResult> {
  assertLocal(url);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [{ calls }] = await sql<{ calls: number }[]>`select count(*)::int as calls from calls`;
  const rollupTables = await sql<{ name: string; rows: number }[]>`
    select relname as name, n_live_tup::int as rows from pg_stat_user_tables where relname like 'call_rollups%' order by 1`;
  // The busiest feature over the window, as someone paged about it would open.
  const [top] = await sql<{ key: string }[]>`
    select f.key from calls c join features f on f.id = c.feature_id
    where c.ts > now() - interval '1 day' group by f.key order by count(*) desc limit 1`;
  await sql.end();
  if (!top) throw new Error(`${url}: no calls in the last day; generate them with generate-calls.mts`);

  const database = await openDatabase({ url, max: 2 }); // withLock holds one connection while migrating on another
  await migrateDatabase(database);
  const { key } = await createApiKey(
    database.db,
    { name: 'reads bench', scopes: ['read'] },
    { id: 'bench', label: 'reads bench' },
  );
  await addBenchSlos(database.db);
  await database.close();
  const server = await startAppServer(url);
  try {
    const get = (path: string) => () => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    const label = new URL(url).pathname.slice(1);
    console.log(`${label}: ${calls.toLocaleString('en')} calls; busiest feature ${top.key}`);
    const timings = {
      overview: await timeRequests(get('/api/v1/overview')),
      feature30d: await timeRequests(get(`/api/v1/features/${top.key}/stats?range=30d`)),
      explorer: await timeRequests(get(`/api/v1/calls?feature=${top.key}&outcome=error`)),
    };
    const exported = await timeExport(get('/api/v1/calls?format=csv'));
    return {
      label,
      calls,
      rollupRows: rollupTables.map((t) => `${t.name} ${t.rows.toLocaleString('en')}`).join(', '),
      timings,
      export: exported,
    };
  } finally {
    await server.stop();
  }
}

const results: DatabaseResult[] = [];
for (const url of args['database-url']!) results.push(await benchDatabase(url));

const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log(
  `\n${REQUESTS} sequential requests per endpoint after ${WARMUP} warm-up; load average ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
console.log(
  '| Database | Calls | Endpoint | first (cold) | p50 | p95 | max |\n| --- | --- | --- | --- | --- | --- | --- |',
);
for (const r of results) {
  for (const [name, t] of Object.entries(r.timings)) {
    console.log(
      `| ${r.label} | ${r.calls.toLocaleString('en')} | ${name} | ${ms(t.first)} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.max)} |`,
    );
  }
}
console.log('\n| Database | 24 h CSV export rows | MB | seconds | rows/s |\n| --- | --- | --- | --- | --- |');
for (const r of results) {
  const e = r.export;
  console.log(
    `| ${r.label} | ${e.rows.toLocaleString('en')} | ${(e.bytes / 1e6).toFixed(1)} | ${e.seconds.toFixed(1)} | ${Math.round(e.rows / e.seconds).toLocaleString('en')} |`,
  );
}
for (const r of results) console.log(`${r.label} rollups: ${r.rollupRows}`);
