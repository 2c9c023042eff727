// Ingestion throughput through the real API: calls with ~1.5 KB of prompt and completion, batches
// of 500, 4 concurrent clients posting to POST /api/v1/calls on the built app (as `npm start` runs it) for a
// fixed time; every body is serialised before the clock starts. Side by side in the same run, the
// same rows are loaded with `psql \copy` from a file into tables shaped like calls and call_bodies
// (the storage limit). Afterwards every sent call must be stored exactly once, and counted once
// in the rollups by the server's aggregator (the time that takes is printed). Run by hand:
//   npx next build
//   npx tsx test/bench/ingest.mts [--seconds 60] [--clients 4] [--batch 500] [--profile] [--untimed] [--shape sdk|wide]
// --profile samples the server's CPU (cpu-profile-preload.mjs; NODE_OPTIONS refuses --cpu-prof)
// and prints where its CPU time went while the clock ran, and that time per 1,000 calls. The CPU of
// the Postgres backends serving the app is printed in any case.
// A throwaway database is created on the local Postgres (TEST_POSTGRES_URL) and dropped.
// Issue 12's target: ≥ 25% of the psql COPY rate for both shapes, sustained for 60 s.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { startAppServer } from '../support/app-server.ts';
import { rollupsCounted } from '../support/rollup-watermark.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { summariseProfiles } from './cpu-profile.mts';
import { backendCpuMs } from './postgres-cpu.mts';
import { benchCall, wideCall } from './sample-calls.ts';

const require = createRequire(import.meta.url); // see switch-propagation.mts for why
const { openDatabase } = require('../../db/client.ts') as typeof import('../../db/client.ts');
const { createApiKey } = require('../../lib/api-keys/manage.ts') as typeof import('../../lib/api-keys/manage.ts');

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '4' },
    batch: { type: 'string', default: '500' },
    /** Calls prepared in advance: the run stops early if it sends them all. */
    'max-rate': { type: 'string', default: '15000' },
    profile: { type: 'boolean', default: false },
    /** Calls without a timestamp (stamped on receipt, checked against the last day's ids for re-sends). */
    untimed: { type: 'boolean', default: false },
    /** sdk: 5 features, timestamps as sent in real time; wide: issue 12's 50 features over the last 30 minutes (sample-calls.ts). */
    shape: { type: 'string', default: 'sdk' },
    /** Extra Node flags for the server, e.g. "--max-semi-space-size=32", to try GC settings. */
    'node-options': { type: 'string', default: '' },
  },
});
const SECONDS = Number(args.seconds);
const CLIENTS = Number(args.clients);
const BATCH = Number(args.batch);
const PREPARED = Math.ceil((SECONDS * Number(args['max-rate'])) / BATCH) * BATCH;
const COPY_ROUNDS = 3;
if (!['sdk', 'wide'].includes(args.shape!)) throw new Error('--shape is sdk or wide.');
const WIDE_SPREAD_MS = 30 * 60_000;
/** One COPY text-format line per call and per body, the columns ingestion fills. */
function copyLines(call: Record<string, unknown>, featureId: number, now: string): { call: string; body: string } {
  const v = (x: unknown) => (x === undefined || x === null ? '\\N' : String(x));
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  const c = call;
  return {
    call: [
      c.id,
      featureId,
      now,
      c.model,
      c.provider,
      c.outcome,
      v(c.errorType),
      c.route,
      c.fallbackDepth,
      c.latencyMs,
      c.ttftMs,
      c.inputTokens,
      c.outputTokens,
      c.cachedInputTokens,
      0.0021,
      'price_table',
      '\\N',
      c.userId,
      c.sessionId,
      c.environment ?? 'production',
      c.release,
    ]
      .map(v)
      .join('\t'),
    body: [
      c.id,
      now,
      esc(JSON.stringify(c.prompt)),
      esc(c.completion as string),
      c.metadata === undefined ? '\\N' : esc(JSON.stringify(c.metadata)),
      '{"EMAIL": 1}',
    ].join('\t'),
  };
}

const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');

async function main() {
  if (!fs.existsSync('.next/BUILD_ID')) throw new Error('No build: run `npx next build` first.');
  console.log(
    `${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  // Prepared before anything is timed: the calls, serialised into batches. Timestamps, as the SDK
  // sends them, spread over as many seconds before the run as it lasts (so the calls fill as many
  // minutes of rollups as calls made in real time would).
  const batches: string[] = [];
  let bodyChars = 0;
  const stampedFrom = Date.now() - SECONDS * 1000;
  const stamp = (i: number) => (args.untimed ? undefined : new Date(stampedFrom + (i / PREPARED) * SECONDS * 1000));
  for (let i = 0; i < PREPARED; i += BATCH) {
    const calls = Array.from({ length: BATCH }, (_, j) =>
      args.shape === 'wide'
        ? wideCall(i + j, new Date(Date.now() - Math.random() * WIDE_SPREAD_MS))
        : benchCall(i + j, stamp(i + j)),
    );
    if (i === 0)
      bodyChars =
        calls.reduce((n, c) => n + JSON.stringify(c.prompt).length + (c.completion as string).length, 0) / BATCH;
    batches.push(JSON.stringify({ calls }));
  }
  console.log(
    `prepared ${PREPARED.toLocaleString('en')} calls (shape ${args.shape})${args.untimed ? ' without timestamps' : ' with timestamps'} in ${batches.length} batches of ${BATCH}; prompt+completion ${Math.round(bodyChars)} chars, request ${(batches[0].length / 1e6).toFixed(2)} MB`,
  );

  const target = await createTestDatabase('switchboard_bench_ingest');
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-profile-'));
  const preload = args.profile
    ? `--import ${pathToFileURL(path.resolve('test/bench/cpu-profile-preload.mjs')).href}`
    : '';
  const nodeOptions = [args['node-options'], preload].join(' ').trim();
  const server = await startAppServer(target.url, {
    SWITCHBOARD_INGEST_RATE_PER_SEC: '100000',
    SWITCHBOARD_INGEST_BURST: '100000',
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    ...(args.profile ? { CPU_PROFILE_DIR: profileDir } : {}),
  }).catch(async (err: unknown) => {
    await target.drop();
    fs.rmSync(profileDir, { recursive: true, force: true });
    throw err;
  });
  const database = await openDatabase({ url: target.url, max: 2 });
  const sql = postgres(target.url, { max: 1, onnotice: () => {} });
  try {
    const { key } = await createApiKey(
      database.db,
      { name: 'ingest bench', scopes: ['ingest'] },
      { id: 'bench', label: 'ingest bench' },
    );
    const post = (body: string) =>
      fetch(`${server.url}/api/v1/calls`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body,
      });
    // Warm-up: compiles the route and creates the features; its calls count as sent and stored.
    const warm = await post(batches[0]);
    if (warm.status !== 200) throw new Error(`warm-up: ${warm.status} ${await warm.text()}`);
    let accepted = ((await warm.json()) as { accepted: number }).accepted;

    let next = 1;
    let retried = 0;
    const stopAt = performance.now() + SECONDS * 1000;
    const t0 = performance.now();
    const windowFromUs = Number(process.hrtime.bigint() / 1000n);
    const databaseName = new URL(target.url).pathname.slice(1);
    const postgresMs0 = backendCpuMs(databaseName);
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < stopAt && next < batches.length) {
          const body = batches[next++];
          for (;;) {
            const res = await post(body);
            if (res.status === 200) {
              const r = (await res.json()) as { accepted: number; duplicates: number };
              accepted += r.accepted;
              break;
            }
            if (res.status !== 429 && res.status !== 503) throw new Error(`${res.status} ${await res.text()}`);
            retried++;
            await res.arrayBuffer();
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const window = { fromUs: windowFromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
    const postgresMs = backendCpuMs(databaseName) - postgresMs0;
    const sentBatches = next;
    const sent = sentBatches * BATCH;
    const apiCount = sent - BATCH; // the warm-up batch is not in the timed window
    const mb = batches.slice(1, sentBatches).reduce((n, b) => n + b.length, 0) / 1e6;
    if (next >= batches.length) console.log(`(every prepared call was sent before ${SECONDS} s; raise --max-rate)`);
    // The dashboards' lag: from the last answer until the server's aggregator has counted every call.
    const lagFrom = performance.now();
    await rollupsCounted(sql);
    const lagMs = performance.now() - lagFrom;
    await server.stop(); // also writes the CPU profile

    const [stored] = await sql`select count(*)::int as rows, count(distinct id)::int as ids from calls`;
    const [bodies] = await sql`select count(*)::int as rows from call_bodies`;
    const [rolled] = await sql`select coalesce(sum(calls), 0)::int as calls from call_rollups_total`;
    const once =
      stored.rows === sent && stored.ids === sent && bodies.rows === sent && accepted === sent && rolled.calls === sent;
    console.log(
      `API: ${rate(apiCount, seconds)} calls/s (${apiCount.toLocaleString('en')} calls in ${seconds.toFixed(1)} s, ${(mb / seconds).toFixed(1)} MB/s, ${CLIENTS} clients, ${retried} retries)`,
    );
    console.log(
      `Postgres backends' CPU while timed: ${(postgresMs / 1000).toFixed(1)} s, ${((postgresMs * 1000) / apiCount).toFixed(1)} ms per 1,000 calls`,
    );
    console.log(
      `stored and counted exactly once: ${once ? 'yes' : 'NO'} (sent ${sent}, accepted ${accepted}, rows ${stored.rows}, distinct ids ${stored.ids}, bodies ${bodies.rows}, in the rollups ${rolled.calls})`,
    );
    console.log(`rollups counted every call ${Math.round(lagMs)} ms after the last answer`);

    // The same rows with psql \copy into tables of the same shape (indexes included, no foreign keys).
    const [{ id: featureId }] = await sql`select id from features order by id limit 1`;
    const now = new Date().toISOString();
    const callsFile = path.join(profileDir, 'calls.tsv');
    const bodiesFile = path.join(profileDir, 'bodies.tsv');
    const callsOut = fs.openSync(callsFile, 'w');
    const bodiesOut = fs.openSync(bodiesFile, 'w');
    for (const batch of batches.slice(0, sentBatches)) {
      const lines = (JSON.parse(batch) as { calls: Record<string, unknown>[] }).calls.map((c) =>
        copyLines(c, featureId, now),
      );
      fs.writeSync(callsOut, lines.map((l) => l.call).join('\n') + '\n');
      fs.writeSync(bodiesOut, lines.map((l) => l.body).join('\n') + '\n');
    }
    fs.closeSync(callsOut);
    fs.closeSync(bodiesOut);
    await sql`create table bench_copy_calls (like calls including all)`;
    await sql`create table bench_copy_bodies (like call_bodies including all)`;
    const columns =
      'id, feature_id, ts, model, provider, outcome, error_type, route, fallback_depth, latency_ms, ttft_ms, input_tokens, output_tokens, cached_input_tokens, cost_usd, cost_source, score, user_id, session_id, environment, release';
    // COPY takes a few seconds, so a burst of other work on a shared machine moves it a lot: three
    // rounds, the ratio taken against their median (and against the best, the storage limit).
    const copyRates: number[] = [];
    let copied = 0;
    for (let round = 0; round < COPY_ROUNDS; round++) {
      await sql`truncate bench_copy_calls, bench_copy_bodies`;
      const c0 = performance.now();
      execFileSync('psql', [
        target.url,
        '-v',
        'ON_ERROR_STOP=1',
        '-q',
        '-c',
        `\\copy bench_copy_calls (${columns}) from '${callsFile}'`,
        '-c',
        `\\copy bench_copy_bodies (call_id, ts, prompt, completion, metadata, redactions) from '${bodiesFile}'`,
      ]);
      const copySeconds = (performance.now() - c0) / 1000;
      [{ n: copied }] = await sql`select count(*)::int as n from bench_copy_calls`;
      copyRates.push(copied / copySeconds);
      console.log(
        `psql \\copy round ${round + 1}: ${rate(copied, copySeconds)} calls/s (${copied.toLocaleString('en')} calls + bodies in ${copySeconds.toFixed(1)} s, load ${os.loadavg()[0].toFixed(2)})`,
      );
    }
    const median = [...copyRates].sort((a, b) => a - b)[Math.floor(copyRates.length / 2)];
    const apiRate = apiCount / seconds;
    console.log(
      `ratio: ${((100 * apiRate) / median).toFixed(1)}% of the median psql COPY rate, ${((100 * apiRate) / Math.max(...copyRates)).toFixed(1)}% of the best (target ≥ 25%)`,
    );
    console.log(
      `load after: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    if (args.profile) {
      // The timed window only: start-up, migrations and the warm-up batch are left out.
      const { cpuSeconds, text } = summariseProfiles(profileDir, { window });
      console.log(
        `server CPU (not idle) while timed: ${cpuSeconds.toFixed(1)} s, ${((cpuSeconds * 1e6) / apiCount).toFixed(1)} ms per 1,000 calls\n${text}`,
      );
    }
    if (!once) process.exitCode = 1;
  } finally {
    await server.stop();
    await sql.end();
    await database.close();
    await target.drop();
    for (const f of fs.readdirSync(profileDir)) if (!f.endsWith('.cpuprofile')) fs.rmSync(path.join(profileDir, f));
    if (args.profile) console.log(`profile kept in ${profileDir} (open it in Chrome DevTools)`);
    else fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
