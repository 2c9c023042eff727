// CPU cost of the ingestion path per 1,000 calls, in-process (no HTTP), split into its parts:
// JSON.parse of the request body, validation, the rows (redaction, cost), and the whole
// ingestCalls against a real Postgres with 4 concurrent writers, where it counts this process's
// CPU, the CPU of the Postgres backends serving it (from /proc) and the garbage collector's pauses.
// CPU time per call is steadier than a rate on a shared machine, so compare changes with this.
// Run by hand (a throwaway database on the local Postgres is created and dropped):
//   npx tsx test/bench/ingest-cpu.mts [--batches 60] [--batch 500] [--rounds 3] [--profile]
// Each part is run --rounds times over the same batches, interleaved; the least CPU is reported.
// --profile samples this process during the ingestCalls rounds and prints where its CPU went.
import fs from 'node:fs';
import inspector from 'node:inspector';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createTestDatabase } from '../support/test-database.ts';
import { summariseProfiles } from './cpu-profile.mts';
import { backendCpuMs } from './postgres-cpu.mts';
import { benchCall } from './sample-calls.ts';

// The project's .ts files are CommonJS: required, they resolve their own imports (see switch-propagation.mts).
const require = createRequire(import.meta.url);
const { openDatabase } = require('../../db/client.ts') as typeof import('../../db/client.ts');
const { migrateDatabase } = require('../../db/migrate.ts') as typeof import('../../db/migrate.ts');
const { seedModelPrices } = require('../../db/seed/model-prices.ts') as typeof import('../../db/seed/model-prices.ts');
const { ingestCalls } =
  require('../../lib/ingest/ingest-calls.ts') as typeof import('../../lib/ingest/ingest-calls.ts');
const { getIngestConfig } =
  require('../../lib/ingest/ingest-config.ts') as typeof import('../../lib/ingest/ingest-config.ts');
const { bodyRow, callRow } = require('../../lib/ingest/call-rows.ts') as typeof import('../../lib/ingest/call-rows.ts');
const { parseCall } = require('../../lib/validations/call.ts') as typeof import('../../lib/validations/call.ts');

const { values: args } = parseArgs({
  options: {
    batches: { type: 'string', default: '60' },
    batch: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
    writers: { type: 'string', default: '4' },
    profile: { type: 'boolean', default: false },
  },
});
const BATCHES = Number(args.batches);
const BATCH = Number(args.batch);
const ROUNDS = Number(args.rounds);
const WRITERS = Number(args.writers);
const CALLS = BATCHES * BATCH;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

type Sample = { node: number; gc: number; postgres?: number; wall: number };
const best = new Map<string, Sample>();
function record(part: string, sample: Sample) {
  const previous = best.get(part);
  if (!previous || sample.node < previous.node) best.set(part, sample);
}

async function measure(part: string, run: () => Promise<void> | void, database?: string) {
  const pg0 = database ? backendCpuMs(database) : 0;
  const [c0, g0, t0] = [cpuMs(), gcMs, performance.now()];
  await run();
  const [node, wall] = [cpuMs() - c0, performance.now() - t0];
  await new Promise((resolve) => setTimeout(resolve, 10)); // GC entries are delivered asynchronously
  const sample: Sample = { node, gc: gcMs - g0, wall };
  if (database) sample.postgres = backendCpuMs(database) - pg0;
  record(part, sample);
}

const perThousand = (ms: number) => ((ms * 1000) / CALLS).toFixed(1).padStart(7);

async function main() {
  console.log(
    `${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const makeBatches = (offset: number) =>
    Array.from({ length: BATCHES }, (_, b) =>
      JSON.stringify({ calls: Array.from({ length: BATCH }, (_, j) => benchCall(offset + b * BATCH + j)) }),
    );
  const texts = makeBatches(0);
  const parsed = texts.map((t) => (JSON.parse(t) as { calls: unknown[] }).calls);

  const target = await createTestDatabase('switchboard_bench_cpu');
  const database = await openDatabase({ url: target.url, max: WRITERS + 1 });
  const dbName = new URL(target.url).pathname.slice(1);
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-cpu-profile-'));
  const session = new inspector.Session();
  try {
    await migrateDatabase(database);
    await seedModelPrices(database.db);
    await ingestCalls(database.db, JSON.parse(texts[0]), {}); // creates the features, warms the caches
    const config = await getIngestConfig(database.db);
    const valid = parsed.map((calls) =>
      calls.map((c) => {
        const r = parseCall(c);
        if (!r.ok) throw new Error(r.errors.join('; '));
        return r.call;
      }),
    );
    if (args.profile) {
      session.connect();
      session.post('Profiler.enable');
      session.post('Profiler.setSamplingInterval', { interval: 500 });
    }

    for (let round = 0; round < ROUNDS; round++) {
      await measure('JSON.parse', () => texts.forEach((t) => JSON.parse(t)));
      await measure('validate (parseCall)', () => parsed.forEach((calls) => calls.forEach(parseCall)));
      const receivedAt = new Date();
      await measure('rows (redact, cost)', () =>
        valid.forEach((calls) => calls.forEach((c) => (callRow(c, config, receivedAt), bodyRow(c, config, true)))),
      );
      const fresh = makeBatches((round + 1) * CALLS); // new ids: every call is stored
      if (args.profile) session.post('Profiler.start');
      await measure(
        'JSON.parse + ingestCalls',
        async () => {
          let next = 0;
          await Promise.all(
            Array.from({ length: WRITERS }, async () => {
              while (next < fresh.length) {
                const result = await ingestCalls(database.db, JSON.parse(fresh[next++]));
                if (result.accepted !== BATCH)
                  throw new Error(`accepted ${result.accepted} of ${BATCH}: ${JSON.stringify(result.rejected[0])}`);
              }
            }),
          );
        },
        dbName,
      );
      if (args.profile) {
        await new Promise<void>((resolve, reject) =>
          session.post('Profiler.stop', (err, result) => {
            if (err) return reject(err);
            fs.writeFileSync(path.join(profileDir, `round-${round}.cpuprofile`), JSON.stringify(result.profile));
            resolve();
          }),
        );
      }
    }

    console.log(
      `${CALLS.toLocaleString('en')} calls (${BATCHES} batches of ${BATCH}, ${WRITERS} writers), least of ${ROUNDS} rounds; ms per 1,000 calls:`,
    );
    console.log('part                           node CPU   of it GC   postgres CPU   wall');
    for (const [part, s] of best) {
      console.log(
        `${part.padEnd(28)} ${perThousand(s.node)}    ${perThousand(s.gc)}    ${s.postgres === undefined ? '      -' : perThousand(s.postgres)}     ${perThousand(s.wall)}`,
      );
    }
    console.log(
      `load after: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    if (args.profile) console.log(summariseProfiles(profileDir, { top: 30 }).text);
  } finally {
    session.disconnect();
    await database.close();
    await target.drop();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
