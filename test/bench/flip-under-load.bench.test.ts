// Issue 12's figure: flip → SDK under an ingestion storm, side by side with the same flips on a
// quiet server, in three (BENCH_RUNS) independent runs. Each run starts its own private Postgres
// cluster and the built app (`npx next build` first), connects 20 SDK clients (the stream
// transport, as applications use it) and times each flip from the PUT being sent to every
// client's onChange. The storm is 96 senders of 1,000-call batches without pause, from two child
// processes (test/support/ingest-flood.ts), as in the reliability suite. Each run does it twice,
// side by side: on `npm start`'s server (lib/server/serve.mjs: streams, switch reads and flips
// in the switch lane) and on plain `next start` (everything through Next). Run by hand:
//   npx vitest run -c test/bench/vitest.config.mts flip-under-load
import os from 'node:os';
import { afterAll, it } from 'vitest';
import { features } from '@/db/schema';
import { startIngestFlood, type FloodResult } from '../support/ingest-flood';
import { SwitchWatchers } from '../reliability/support/flips';
import type { AppServerKind } from '../support/app-server';
import { startScenario, type Scenario } from '../reliability/support/environment';
import { medianAndRange, percentile, sdkCall, sleep } from '../reliability/support/traffic';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WATCHERS = Number(process.env.BENCH_WATCHERS ?? 20);
const FLIPS = Number(process.env.BENCH_FLIPS ?? 20);
const SERVERS = (process.env.BENCH_SERVERS ?? 'switchboard,next').split(',') as AppServerKind[];
const SENDERS = 96;
const BATCH = 1_000;
const FEATURE = 'bench-flip-under-load';
const PROMPT = 'Summarise the following support conversation for the on-call engineer. '.repeat(8);
const { id: _id, ...CALL } = { ...sdkCall('bench-flood'), prompt: PROMPT, completion: 'ok' };

interface Phase {
  arrivals: number[];
  /** Each flip's PUT, sent → answered: the part of an arrival spent before the commit was known. */
  puts: number[];
  missed: number;
  load: number;
}

interface Run {
  quiet: Phase;
  storm: Phase & { answers: FloodResult; storedPerSecond: number };
}

let scenario: Scenario | undefined;
afterAll(async () => scenario?.close());

/** The switch's state on the server: every flip asks for the other one. */
let killedNow = false;

async function flipMany(
  watchers: SwitchWatchers,
  url: string,
  key: string,
  label: string,
): Promise<Omit<Phase, 'load'>> {
  const arrivals: number[] = [];
  const puts: number[] = [];
  let missed = 0;
  // One flip first to warm the route; it is not counted.
  for (let i = 0; i <= FLIPS; i++) {
    killedNow = !killedNow;
    const flip = await watchers.flip(url, key, killedNow, `${label} flip ${i}`);
    if (i > 0) {
      arrivals.push(...flip.arrivals);
      puts.push(flip.putMs);
      missed += flip.missed;
    }
    await sleep(300 + Math.random() * 500);
  }
  return { arrivals, puts, missed };
}

async function oneRun(server: AppServerKind): Promise<Run> {
  scenario = await startScenario({ server });
  try {
    const app = scenario.apps[0];
    await scenario.database.db.insert(features).values({ key: FEATURE });
    const readKey = await scenario.createKey(['switches:read'], 'watchers');
    const writeKey = await scenario.createKey(['switches:write'], 'on-call');
    const ingestKeys = await Promise.all(
      Array.from({ length: 8 }, (_, i) => scenario!.createKey(['ingest'], `flood ${i}`)),
    );
    const watchers = await SwitchWatchers.connect([app.url], readKey, FEATURE, WATCHERS);
    try {
      killedNow = false;
      const quiet = { ...(await flipMany(watchers, app.url, writeKey, 'quiet')), load: os.loadavg()[0] };
      const flood = await startIngestFlood({
        url: app.url,
        keys: ingestKeys,
        senders: SENDERS,
        batch: BATCH,
        callJson: JSON.stringify(CALL),
      });
      const began = performance.now();
      let storm: Phase | undefined;
      let answers: FloodResult;
      try {
        await sleep(4_000);
        storm = { ...(await flipMany(watchers, app.url, writeKey, 'storm')), load: os.loadavg()[0] };
      } finally {
        answers = await flood.stop();
      }
      const seconds = (performance.now() - began) / 1000;
      const [stored] = await scenario.sql<{ n: string }[]>`select count(*) as n from calls`;
      return { quiet, storm: { ...storm, answers, storedPerSecond: Number(stored.n) / seconds } };
    } finally {
      await watchers.close();
    }
  } finally {
    await scenario.close();
    scenario = undefined;
  }
}

const f = (v: number) => v.toFixed(0).padStart(6);

it('times flips on a quiet server and under an ingestion storm', async () => {
  const runs = new Map<AppServerKind, Run[]>(SERVERS.map((server) => [server, []]));
  console.log(
    `flip-under-load: ${new Date().toISOString()}, ${os.cpus()[0]?.model}, nproc ${os.availableParallelism()}, Node ${process.version}`,
  );
  console.log(
    'run  server       phase   flips×clients   p50 ms   p99 ms   max ms  PUT p50  PUT max  missed  load1  ingestion',
  );
  for (let r = 1; r <= RUNS; r++)
    for (const server of SERVERS) {
      const run = await oneRun(server);
      runs.get(server)!.push(run);
      for (const [name, phase] of [
        ['quiet', run.quiet],
        ['storm', run.storm],
      ] as const) {
        const a = phase.arrivals;
        const ingestion =
          'answers' in phase
            ? `${JSON.stringify(phase.answers.byStatus)}, ${phase.storedPerSecond.toFixed(0)} calls/s stored`
            : '';
        console.log(
          `${String(r).padStart(3)}  ${server.padEnd(11)}  ${name}   ${String(FLIPS).padStart(5)}×${WATCHERS}     ${f(percentile(a, 0.5))}   ${f(percentile(a, 0.99))}   ${f(Math.max(...a))}   ${f(percentile(phase.puts, 0.5))}   ${f(Math.max(...phase.puts))}  ${String(phase.missed).padStart(6)}  ${phase.load.toFixed(2)}  ${ingestion}`,
        );
      }
    }
  for (const [server, serverRuns] of runs) {
    const of = (pick: (run: Run) => Phase, p: number) => serverRuns.map((run) => percentile(pick(run).arrivals, p));
    console.log(`\n${server}: median (range) of ${RUNS} runs, PUT sent → every SDK client's onChange:`);
    console.log(
      `  quiet: p50 ${medianAndRange(of((r) => r.quiet, 0.5))} ms, p99 ${medianAndRange(of((r) => r.quiet, 0.99))} ms, load1 ${medianAndRange(
        serverRuns.map((r) => r.quiet.load),
        2,
      )}`,
    );
    console.log(
      `  storm: p50 ${medianAndRange(of((r) => r.storm, 0.5))} ms, p99 ${medianAndRange(of((r) => r.storm, 0.99))} ms, load1 ${medianAndRange(
        serverRuns.map((r) => r.storm.load),
        2,
      )}`,
    );
  }
});
