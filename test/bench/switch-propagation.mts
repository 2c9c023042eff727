// Switch propagation: N SDK clients (createSwitchboard, the code path an application uses) connected
// to the built app; each flip made through PUT /api/v1/switches/{feature} is timed until every
// client's store reports it (its onChange listener). The same flips are then timed with the same
// number of clients in polling mode (transport: 'poll', ETag polling at the SDK's default 5 s),
// to show what the server-sent events stream buys. Run by hand, never in CI:
//   npx next build                                  (the bench starts the built app: `next start`)
//   npx tsx test/bench/switch-propagation.mts       (CLIENTS=100 FLIPS=30 POLL_FLIPS=30 by default)
// It creates a throwaway database on the local Postgres (TEST_POSTGRES_URL, default
// postgres://postgres@127.0.0.1:5432/postgres; anything but loopback is refused) and drops it.
// Issue 3's target: p99 under 200 ms from a flip's commit to each client's update, with SSE.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import type { Database } from '../../db/client.ts';
import { createSwitchboard, type Switchboard } from '../../lib/sdk/index.ts';
import { startAppServer, type AppServer } from '../support/app-server.ts';
import { createTestDatabase } from '../support/test-database.ts';

// The project's .ts files are CommonJS (the package has no "type"). Imported from this ES module,
// tsx hands them to Node as data: URLs, from which db/client.ts's dynamic import('postgres')
// cannot resolve; required, they load from their own paths (as lib/cli/bin.mjs does).
const require = createRequire(import.meta.url);
const { openDatabase } = require('../../db/client.ts') as typeof import('../../db/client.ts');
const { features } = require('../../db/schema.ts') as typeof import('../../db/schema.ts');
const { createApiKey } = require('../../lib/api-keys/manage.ts') as typeof import('../../lib/api-keys/manage.ts');
const { SWITCH_CHANNEL } = require('../../lib/switches/document.ts') as typeof import('../../lib/switches/document.ts');

const CLIENTS = Number(process.env.CLIENTS ?? 100);
const FLIPS = Number(process.env.FLIPS ?? 30);
const POLL_FLIPS = Number(process.env.POLL_FLIPS ?? 30);
const POLL_INTERVAL_MS = 5_000; // the SDK's default, written here only to bound the waits
const RUN_LIMIT_MS = 15 * 60_000;
const FEATURE = 'bench-propagation';

type Transport = 'stream' | 'poll';
interface PhaseResult {
  transport: Transport;
  flips: number;
  /** Per (flip × client): update time minus the PUT response's arrival (the commit has happened by then). */
  fromResponse: number[];
  /** Per (flip × client): update time minus the arrival of the flip's NOTIFY on the bench's own LISTEN (Postgres sends it at commit). */
  fromNotify: number[];
  /** Per (flip × client): update time minus the moment the PUT was sent (an upper bound). */
  fromSend: number[];
  roundTrips: number[];
  missed: number;
}

/** The switch's state on the server: every flip asks for the other one. */
let killedNow = false;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile of sorted values. */
function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function summary(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(1).padStart(8);
  return `${String(s.length).padStart(7)} ${f(pct(s, 0.5))} ${f(pct(s, 0.95))} ${f(pct(s, 0.99))} ${f(s[s.length - 1])} ${f(s[0])}`;
}

async function flip(
  server: AppServer,
  key: string,
  killed: boolean,
  reason: string,
): Promise<{ sentAt: number; answeredAt: number }> {
  const sentAt = performance.now();
  const response = await fetch(`${server.url}/api/v1/switches/${FEATURE}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ killed, reason }),
  });
  const answeredAt = performance.now();
  const body = (await response.json()) as { changed?: boolean };
  if (!response.ok || body.changed !== true)
    throw new Error(`The flip was not applied: HTTP ${response.status} ${JSON.stringify(body)}`);
  return { sentAt, answeredAt };
}

/** When each flip's NOTIFY reached the bench, by reason. */
type Notified = Map<string, number>;

async function runPhase(
  server: AppServer,
  key: string,
  transport: Transport,
  flips: number,
  notified: Notified,
  warnings: string[],
): Promise<PhaseResult> {
  const result: PhaseResult = {
    transport,
    flips,
    fromResponse: [],
    fromNotify: [],
    fromSend: [],
    roundTrips: [],
    missed: 0,
  };
  /** The flip being waited for: its reason is unique, so no other change can be mistaken for it. */
  let expected: { killed: boolean; reason: string } | null = null;
  let seenAt: (number | undefined)[] = [];
  let seenCount = 0;
  const clients: Switchboard[] = [];
  try {
    // Polling clients start spread over one interval, as independent app instances would.
    const spread = transport === 'poll' ? POLL_INTERVAL_MS : 0;
    const ready = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        await sleep(Math.random() * spread);
        const client = createSwitchboard({
          baseUrl: server.url,
          apiKey: key,
          transport,
          readyTimeoutMs: 60_000,
          logger: { warn: (m) => warnings.push(m) },
        });
        clients.push(client);
        client.switches.onChange((changed) => {
          const state = changed.find((s) => s.feature === FEATURE);
          if (!expected || !state || seenAt[i] !== undefined) return;
          if (state.killed !== expected.killed || state.reason !== expected.reason) return;
          seenAt[i] = performance.now();
          seenCount++;
        });
        return client.ready();
      }),
    );
    const notReady = ready.filter((r) => !r).length;
    if (notReady > 0) throw new Error(`${notReady} of ${CLIENTS} ${transport} clients were not ready within 60 s.`);

    const waitLimitMs = transport === 'poll' ? 3 * POLL_INTERVAL_MS : 10_000;
    // Flip 0 warms up the route and the connection pools; it is not counted.
    for (let n = 0; n <= flips; n++) {
      const killed = (killedNow = !killedNow);
      expected = { killed, reason: `bench ${transport} flip ${n}: ${killed ? 'kill' : 'restore'}` };
      seenAt = new Array(CLIENTS).fill(undefined);
      seenCount = 0;
      const { sentAt, answeredAt } = await flip(server, key, expected.killed, expected.reason);
      const deadline = performance.now() + waitLimitMs;
      while (seenCount < CLIENTS && performance.now() < deadline) await sleep(5);
      if (n > 0) {
        result.roundTrips.push(answeredAt - sentAt);
        const notifiedAt = notified.get(expected.reason);
        for (const at of seenAt) {
          if (at === undefined) result.missed++;
          else {
            result.fromResponse.push(at - answeredAt);
            result.fromSend.push(at - sentAt);
            if (notifiedAt !== undefined) result.fromNotify.push(at - notifiedAt);
          }
        }
      }
      await sleep(100 + Math.random() * 400);
    }
    return result;
  } finally {
    expected = null;
    await Promise.all(clients.map((c) => c.close()));
  }
}

function machine(): string {
  const cpu =
    fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ??
    os.cpus()[0]?.model ??
    'unknown CPU';
  return `${new Date().toISOString()}, ${cpu}, nproc ${os.availableParallelism()}, Node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

function report(results: PhaseResult[]): void {
  const head = 'transport  flips  samples   p50 ms   p95 ms   p99 ms   max ms   min ms   missed';
  console.log("\nFrom the PUT response (the flip has committed by then) to each client's onChange:");
  console.log(head);
  for (const r of results)
    console.log(`${r.transport.padEnd(9)}  ${String(r.flips).padStart(5)}  ${summary(r.fromResponse)}   ${r.missed}`);
  console.log("\nFrom the flip's NOTIFY reaching the bench's own LISTEN connection (Postgres sends it at commit):");
  console.log(head);
  for (const r of results)
    console.log(`${r.transport.padEnd(9)}  ${String(r.flips).padStart(5)}  ${summary(r.fromNotify)}   ${r.missed}`);
  console.log('\nFrom the moment the PUT was sent (an upper bound on time since commit):');
  console.log(head);
  for (const r of results)
    console.log(`${r.transport.padEnd(9)}  ${String(r.flips).padStart(5)}  ${summary(r.fromSend)}   ${r.missed}`);
  console.log('\nPUT round trip (the commit lies inside it):');
  console.log('transport  flips  samples   p50 ms   p95 ms   p99 ms   max ms   min ms');
  for (const r of results)
    console.log(`${r.transport.padEnd(9)}  ${String(r.flips).padStart(5)}  ${summary(r.roundTrips)}`);
}

async function main(): Promise<number> {
  if (!fs.existsSync('.next/BUILD_ID')) {
    console.error(
      'No build found (.next/BUILD_ID). The bench runs the built app: run `npx next build` first,\nthen `npx tsx test/bench/switch-propagation.mts` from the project folder.',
    );
    return 2;
  }
  console.log(`Switch propagation — ${machine()}`);
  console.log(
    `${CLIENTS} SDK clients per transport; ${FLIPS} stream flips, ${POLL_FLIPS} poll flips (alternating kill/restore) after one warm-up flip`,
  );
  const testDb = await createTestDatabase('switchboard_bench');
  let server: AppServer | undefined;
  let database: Database | undefined;
  const warnings: string[] = [];
  const watchdog = setTimeout(() => {
    console.error(`The bench did not finish within ${RUN_LIMIT_MS / 60_000} min; stopping.`);
    void Promise.allSettled([server?.stop(), database?.close()])
      .then(() => testDb.drop())
      .finally(() => process.exit(1));
  }, RUN_LIMIT_MS);
  try {
    server = await startAppServer(testDb.url); // migrates on start
    database = await openDatabase({ url: testDb.url, max: 2 });
    const { key } = await createApiKey(
      database.db,
      { name: 'bench', scopes: ['switches:read', 'switches:write'] },
      { id: 'bench', label: 'bench' },
    );
    await database.db.insert(features).values({ key: FEATURE });
    const notified: Notified = new Map();
    await database.listen(SWITCH_CHANNEL, (payload) =>
      notified.set((JSON.parse(payload) as { reason: string }).reason, performance.now()),
    );
    const results: PhaseResult[] = [];
    for (const [transport, flips] of [
      ['stream', FLIPS],
      ['poll', POLL_FLIPS],
    ] as const) {
      const started = performance.now();
      results.push(await runPhase(server, key, transport, flips, notified, warnings));
      console.log(`${transport}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    report(results);
    if (warnings.length > 0)
      console.log(`\nSDK warnings (${warnings.length}): ${[...new Set(warnings)].slice(0, 5).join(' | ')}`);
    console.log(
      `\nLoad after the run: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    return 0;
  } catch (err) {
    console.error(err);
    if (server) console.error(`Server output (last 2,000 characters):\n${server.output().slice(-2_000)}`);
    return 1;
  } finally {
    clearTimeout(watchdog);
    await server?.stop();
    await database?.close();
    await testDb.drop();
  }
}

process.exitCode = await main();
