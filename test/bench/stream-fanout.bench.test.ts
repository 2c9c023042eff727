// Issue 12, item 4: one instance holds BENCH_STREAMS (10,000) switch streams, as a company with
// thousands of pods would open, and each flip reaches all of them. The streams come from
// BENCH_PROCESSES (4) client processes (test/support/stream-clients.mjs, plain node:http); each
// flip is timed from the PUT being sent to its event arriving on every stream, and the server's
// memory per stream is its RSS growth over the streams it holds. Each of BENCH_RUNS (3) runs
// serves the streams twice, side by side: by `switchboard serve` (the switch lane,
// lib/server/switch-lane.ts) and by plain `next start` (the route handler). A private
// Postgres cluster and the built app (`npm run build` first). Run by hand:
//   npx vitest run -c test/bench/vitest.config.mts stream-fanout
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, it } from 'vitest';
import { features } from '@/db/schema';
import { nextMessage } from '../support/child-message';
import { startScenario, type Scenario } from '../reliability/support/environment';
import type { AppServerKind } from '../support/app-server';
import { medianAndRange, percentile, sleep } from '../reliability/support/traffic';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 10_000);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 4);
const FLIPS = Number(process.env.BENCH_FLIPS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FEATURE = 'bench-fanout';
const CLIENT = path.join(import.meta.dirname, '../support/stream-clients.mjs');

let scenario: Scenario | undefined;
let children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill();
  await scenario?.close();
});

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

const wallNow = () => performance.timeOrigin + performance.now();

interface Run {
  open: number;
  failed: number;
  connectS: number;
  kbPerStream: number;
  latencies: number[];
  missed: number;
  load: number;
}

async function oneRun(server: AppServerKind): Promise<Run> {
  // BENCH_APP_NODE_OPTIONS (e.g. --require a profiler) reaches the app alone.
  const appNodeOptions = process.env.BENCH_APP_NODE_OPTIONS;
  scenario = await startScenario({ server, ...(appNodeOptions ? { env: { NODE_OPTIONS: appNodeOptions } } : {}) });
  try {
    const app = scenario.apps[0];
    await scenario.database.db.insert(features).values({ key: FEATURE });
    const readKey = await scenario.createKey(['switches:read'], 'fleet');
    const writeKey = await scenario.createKey(['switches:write'], 'on-call');

    const rssBefore = rssMb(app.pid);
    const connectStarted = performance.now();
    children = Array.from({ length: PROCESSES }, (_, p) => {
      const streams = Math.floor(STREAMS / PROCESSES) + (p < STREAMS % PROCESSES ? 1 : 0);
      return fork(CLIENT, [JSON.stringify({ url: app.url, key: readKey, streams, connectBatch: 100 })], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
    });
    const connected = await Promise.all(children.map((c) => nextMessage<{ open: number; failed: number }>(c)));
    const open = connected.reduce((n, c) => n + c.open, 0);
    const failed = connected.reduce((n, c) => n + c.failed, 0);
    const connectS = (performance.now() - connectStarted) / 1000;
    await sleep(2_000);
    const rssAfter = rssMb(app.pid);

    const sentAt = new Map<number, number>();
    let killed = false;
    for (let i = 0; i <= FLIPS; i++) {
      killed = !killed;
      const began = wallNow();
      const response = await fetch(`${app.url}/api/v1/switches/${FEATURE}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${writeKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ killed, reason: `fan-out flip ${i}` }),
      });
      const body = (await response.json()) as { version: number; changed: boolean };
      if (!response.ok || !body.changed)
        throw new Error(`The flip was not applied: ${response.status} ${JSON.stringify(body)}`);
      if (i > 0) sentAt.set(body.version, began); // flip 0 warms up, uncounted
      await sleep(1_500 + Math.random() * 500);
    }
    const load = os.loadavg()[0];

    const reports = await Promise.all(
      children.map((child) => {
        const report = nextMessage<{ arrivals: [number, number[]][] }>(child);
        child.send('report');
        return report;
      }),
    );
    children = [];
    const latencies: number[] = [];
    let missed = 0;
    for (const [version, began] of sentAt) {
      let seen = 0;
      for (const report of reports) {
        const times = new Map(report.arrivals).get(version) ?? [];
        seen += times.length;
        for (const t of times) latencies.push(t - began);
      }
      missed += open - seen;
    }
    return {
      open,
      failed,
      connectS,
      kbPerStream: ((rssAfter - rssBefore) * 1024) / Math.max(open, 1),
      latencies,
      missed,
      load,
    };
  } finally {
    for (const child of children) child.kill();
    children = [];
    await scenario.close();
    scenario = undefined;
  }
}

it(`times flips to ${STREAMS} streams on one instance, served by switchboard and by next start`, async () => {
  const f = (v: number) => `${v.toFixed(0)} ms`;
  console.log(
    `stream-fanout: ${new Date().toISOString()}, nproc ${os.availableParallelism()}, Node ${process.version}, ${STREAMS} streams from ${PROCESSES} processes, ${FLIPS} flips a run`,
  );
  const runs: Record<AppServerKind, Run[]> = { switchboard: [], next: [] };
  for (let r = 1; r <= RUNS; r++) {
    for (const server of ['switchboard', 'next'] as const) {
      const run = await oneRun(server);
      runs[server].push(run);
      const l = run.latencies;
      console.log(
        `run ${r} ${server.padEnd(11)}: ${run.open} open (${run.failed} refused) in ${run.connectS.toFixed(1)} s, ${run.kbPerStream.toFixed(1)} KB a stream; ` +
          `PUT sent → event p50 ${f(percentile(l, 0.5))}, p99 ${f(percentile(l, 0.99))}, max ${f(Math.max(...l))}; missed ${run.missed}; load1 ${run.load.toFixed(2)}`,
      );
    }
  }
  console.log(`\nMedian (range) of ${RUNS} runs:`);
  for (const server of ['switchboard', 'next'] as const) {
    const of = (p: number) => runs[server].map((run) => percentile(run.latencies, p));
    console.log(
      `  ${server.padEnd(11)}: p50 ${medianAndRange(of(0.5))} ms, p99 ${medianAndRange(of(0.99))} ms, ${medianAndRange(
        runs[server].map((r) => r.kbPerStream),
        1,
      )} KB a stream, ` +
        `missed ${runs[server].reduce((n, r) => n + r.missed, 0)}, load1 ${medianAndRange(
          runs[server].map((r) => r.load),
          2,
        )}`,
    );
  }
});
