// Issue 12, item 4: one instance holds BENCH_STREAMS (10,000) switch streams, as a company with
// thousands of pods would open, and each flip reaches all of them. The streams come from
// BENCH_PROCESSES (4) client processes (test/support/stream-clients.mjs, plain node:http); each
// flip is timed from the PUT being sent to its event arriving on every stream, and the server's
// memory per stream is its RSS growth over the streams it holds. A private Postgres cluster and
// the built app (`npx next build` first). Run by hand, three runs for a figure:
//   npx vitest run -c test/bench/vitest.config.mts stream-fanout
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, it } from 'vitest';
import { features } from '@/db/schema';
import { startScenario, type Scenario } from '../reliability/support/environment';
import { percentile, sleep } from '../reliability/support/traffic';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 10_000);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 4);
const FLIPS = Number(process.env.BENCH_FLIPS ?? 10);
const FEATURE = 'bench-fanout';
const CLIENT = path.join(import.meta.dirname, '../support/stream-clients.mjs');

let scenario: Scenario | undefined;
let children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill();
  await scenario?.close();
});

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`A stream client process exited with ${code}.`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

const wallNow = () => performance.timeOrigin + performance.now();

it(`times flips to ${STREAMS} streams on one instance`, async () => {
  // BENCH_APP_NODE_OPTIONS (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof) reaches the app alone.
  const appNodeOptions = process.env.BENCH_APP_NODE_OPTIONS;
  scenario = await startScenario(appNodeOptions ? { env: { NODE_OPTIONS: appNodeOptions } } : {});
  const app = scenario.apps[0];
  await scenario.database.db.insert(features).values({ key: FEATURE });
  const readKey = await scenario.createKey(['switches:read'], 'fleet');
  const writeKey = await scenario.createKey(['switches:write'], 'on-call');

  const rssBefore = rssMb(app.pid);
  const connectStarted = performance.now();
  children = Array.from({ length: PROCESSES }, (_, p) => {
    const streams = Math.floor(STREAMS / PROCESSES) + (p < STREAMS % PROCESSES ? 1 : 0);
    return fork(CLIENT, [JSON.stringify({ url: app.url, key: readKey, streams, connectBatch: 100 })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
    if (!response.ok || !body.changed) throw new Error(`The flip was not applied: ${response.status} ${JSON.stringify(body)}`);
    if (i > 0) sentAt.set(body.version, began); // flip 0 warms up, uncounted
    await sleep(1_500 + Math.random() * 500);
  }

  const reports = await Promise.all(
    children.map((child) => {
      const report = nextMessage<{ arrivals: [number, number[]][] }>(child);
      child.send('report');
      return report;
    }),
  );
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
  const f = (v: number) => `${v.toFixed(0)} ms`;
  console.log(
    [
      `stream-fanout (${new Date().toISOString()}, nproc ${os.availableParallelism()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}):`,
      `  ${open} streams open (${failed} refused) from ${PROCESSES} processes in ${connectS.toFixed(1)} s; server RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB, ${(((rssAfter - rssBefore) * 1024) / Math.max(open, 1)).toFixed(1)} KB per stream`,
      `  ${FLIPS} flips: PUT sent → event on each stream p50 ${f(percentile(latencies, 0.5))}, p95 ${f(percentile(latencies, 0.95))}, p99 ${f(percentile(latencies, 0.99))}, max ${f(Math.max(...latencies))}; missed ${missed}`,
    ].join('\n'),
  );
});
