// Hostile input (issue 7, item 4): thousands of malformed requests, from a fixed seed, to every
// public endpoint, OTLP's protobuf included. Every answer is a 4xx with a JSON error (protobuf's
// google.rpc.Status for a protobuf request) or a read's normal answer, never a 5xx
// or a hang; refused writes store nothing; the server's memory stays bounded.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  bodyCases,
  explorerCases,
  pathAndQueryCases,
  protobufCases,
  seededRandom,
  shuffled,
  type FuzzCase,
  type FuzzKeys,
} from '../support/fuzz-cases';
import { postCalls, testCall } from '../support/calls';
import { decodeExportTraceResponse, decodeRpcStatus } from '@/lib/otlp/proto';
import { rawRequest, residentBytes, type RawResponse } from '../support/raw-http';
import { baseUrl, createTestKey, testDatabase } from '../support/system';

const SEED = 20261127;
const FEATURE = 'fuzz-feature';
const CONCURRENCY = 6;
/**
 * Memory: the same cases are sent in ROUNDS identical rounds. The first warms the server up (JIT,
 * V8 heap sizing, connection pools), so RSS rises; after that a server that kept the bodies it
 * refused would grow by at least what a round sends (about 47 MB), in every round. V8 and malloc
 * grow in uneven steps, so one round may still jump; but at least one of the last two rounds must
 * grow by less than three quarters of a round's bodies (in our runs: under 10 MB), and the total
 * stays under a fixed cap (the server starts at about 150 MB and levelled off near 400 MB).
 */
const ROUNDS = 5;
const MAX_RSS_BYTES = 768 * 1024 * 1024;

/** Answers that are not JSON by design: the Prometheus text format and the explorer's exports. */
const DOCUMENTED_NON_JSON = /^(text\/plain; version=0\.0\.4|text\/csv|application\/x-ndjson)/;

type Verdict = 'ok' | string;

function judge(c: FuzzCase, res: RawResponse): Verdict {
  const where = `${c.category} ${c.method} ${c.path.slice(0, 120)}`;
  if (res.hung) return `${where}: no answer within the deadline`;
  if (res.status >= 500) return `${where}: ${res.status} ${res.body.slice(0, 300)}`;
  if (res.status >= 300 && res.status < 400) return `${where}: redirected (${res.status})`;
  // Node's HTTP parser answers a header block over 16 KB itself, before the app sees it.
  if (res.status === 431 && res.body === '') return 'ok';
  const isJson = res.contentType.startsWith('application/json');
  if (res.contentType === 'application/x-protobuf' && c.path.startsWith('/api/v1/otlp/'))
    return judgeProtobuf(where, res);
  if (res.status >= 400) {
    if (!isJson) return `${where}: ${res.status} without a JSON error (${res.contentType}) ${res.body.slice(0, 120)}`;
    const body = JSON.parse(res.body) as {
      error?: { code?: unknown; message?: unknown };
      errorCode?: unknown;
      errorDetails?: unknown;
    };
    // OFREP answers in its own error shape, which its providers read.
    if (c.path.startsWith('/ofrep/'))
      return typeof body.errorCode === 'string' && typeof body.errorDetails === 'string'
        ? 'ok'
        : `${where}: ${res.status} without OFREP's errorCode/errorDetails`;
    return typeof body.error?.code === 'string' && typeof body.error.message === 'string'
      ? 'ok'
      : `${where}: ${res.status} JSON without error.code/message`;
  }
  if (!isJson && !DOCUMENTED_NON_JSON.test(res.contentType)) return `${where}: ${res.status} ${res.contentType}`;
  return 'ok';
}

/** OTLP answers a protobuf request in protobuf: an ExportTraceServiceResponse, or a google.rpc.Status with a message. */
function judgeProtobuf(where: string, res: RawResponse): Verdict {
  try {
    if (res.status < 400) return (decodeExportTraceResponse(res.bytes), 'ok');
    return decodeRpcStatus(res.bytes).message ? 'ok' : `${where}: ${res.status} google.rpc.Status without a message`;
  } catch (err) {
    return `${where}: ${res.status} an answer that is not protobuf (${(err as Error).message})`;
  }
}

async function rowCounts(): Promise<Record<string, number>> {
  const { db } = await testDatabase();
  const tables = [
    'calls',
    'call_bodies',
    'features',
    'kill_switches',
    'eval_runs',
    'slos',
    'cost_budgets',
    'audit_log',
  ];
  // Every flip, SLO and budget change is audited, so the audit log's length covers updates too.
  const result = await db.execute(
    sql.raw(`select ${tables.map((t) => `(select count(*) from ${t})::int as ${t}`).join(', ')}`),
  );
  const list = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return list[0] as Record<string, number>;
}

describe('hostile input', () => {
  let keys: FuzzKeys;
  beforeAll(async () => {
    keys = {
      // Several ingest keys, so that the per-key rate limit (429) does not hide the body checks.
      ingest: await Promise.all(Array.from({ length: 8 }, (_, i) => createTestKey(['ingest'], `fuzz-ingest-${i}`))),
      read: await createTestKey(['read'], 'fuzz-read'),
      switchesRead: await createTestKey(['switches:read'], 'fuzz-switches-read'),
      switchesWrite: await createTestKey(['switches:write'], 'fuzz-switches-write'),
      evalsWrite: await createTestKey(['evals:write'], 'fuzz-evals'),
      configWrite: await createTestKey(['config:write'], 'fuzz-config'),
    };
    expect((await postCalls(keys.ingest[0]!, { calls: [testCall({ feature: FEATURE })] })).status).toBe(200);
  });

  it(
    'answers thousands of malformed requests with a 4xx JSON error, stores nothing and keeps memory bounded',
    { timeout: 300_000 },
    async () => {
      const random = seededRandom(SEED);
      const cases = shuffled(
        [
          ...bodyCases(keys, FEATURE, random, 60),
          ...explorerCases(keys, random, 300),
          ...pathAndQueryCases(keys, FEATURE),
          ...protobufCases(keys, random, 200),
        ],
        random,
      );
      const bodyBytes = cases.reduce((sum, c) => sum + (c.body?.length ?? 0), 0);
      const before = await rowCounts();
      const pid = inject('appPid');
      const started = Date.now();

      const byStatus = new Map<number | 'hung', number>();
      const byCategory = new Map<string, number>();
      const failures: string[] = [];
      const acceptedWrites = new Set<string>();
      const runRound = async () => {
        let next = 0;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < cases.length) {
              const c = cases[next++]!;
              const res = await rawRequest(`${baseUrl()}${c.path}`, c);
              const status = res.hung ? 'hung' : res.status;
              byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
              byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + 1);
              if (c.mutation && res.status >= 200 && res.status < 300)
                acceptedWrites.add(`${c.method} ${c.path} ${res.body.slice(0, 80).replace(/[^\x20-\x7e]/g, '.')}`);
              const verdict = judge(c, res);
              if (verdict !== 'ok') failures.push(verdict);
            }
          }),
        );
      };
      // Identical rounds: the first warms the server up (JIT, V8 heap, pools); a leak shows as
      // growth in the later ones, since it retains what every request left behind.
      const rss = [residentBytes(pid)];
      for (let round = 0; round < ROUNDS; round++) {
        await runRound();
        rss.push(residentBytes(pid));
      }
      const seconds = (Date.now() - started) / 1000;
      const after = await rowCounts();

      const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
      console.log(
        [
          `Fuzz (seed ${SEED}): ${cases.length} cases × ${ROUNDS} rounds = ${cases.length * ROUNDS} requests in ${seconds.toFixed(1)} s`,
          `  by category: ${[...byCategory].map(([k, v]) => `${k} ${v}`).join(', ')}`,
          `  by status: ${[...byStatus]
            .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
            .map(([k, v]) => `${k} × ${v}`)
            .join(', ')}`,
          `  writes answered 2xx (valid but empty, e.g. an OTLP export without spans): ${[...acceptedWrites].join(' | ') || 'none'}`,
          `  server RSS by round (each sends ${mb(bodyBytes)} of bodies): ${rss.map(mb).join(' → ')}; rows before ${JSON.stringify(before)} after ${JSON.stringify(after)}`,
        ].join('\n'),
      );
      expect(failures.slice(0, 40)).toEqual([]);
      expect(after).toEqual(before);
      const lastGrowths = [rss.at(-1)! - rss.at(-2)!, rss.at(-2)! - rss.at(-3)!];
      expect(Math.min(...lastGrowths)).toBeLessThan(bodyBytes * 0.75);
      expect(rss.at(-1)!).toBeLessThan(MAX_RSS_BYTES);
    },
  );
});
