// An ingestion flood from child processes: `senders` concurrent senders of `batch`-call bodies,
// split over `processes` (ingest-flood-sender.mjs). The process that starts it stays free to time
// what the flood does to other requests, as an application's SDK would see it.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { nextMessage } from './child-message';

export interface FloodOptions {
  url: string;
  /** API keys with the ingest scope, used in turn. */
  keys: string[];
  senders: number;
  batch: number;
  /** One call as JSON without its id (every body gets fresh ids, so every accepted call is stored). */
  callJson: string;
  processes?: number;
  /** A request without an answer after 3 × hangMs counts as a timeout. */
  hangMs?: number;
}

export interface FloodResult {
  /** Answers by status ('timeout' or 'network' for a request that got none). */
  byStatus: Record<string, number>;
  /** 429/503 answers without Retry-After. */
  withoutRetryAfter: number;
  requestMs: number[];
}

export interface IngestFlood {
  /** Stops sending, waits for the requests in flight and answers what every sender saw. */
  stop(): Promise<FloodResult>;
}

const SENDER = path.join(import.meta.dirname, 'ingest-flood-sender.mjs');

export async function startIngestFlood(options: FloodOptions): Promise<IngestFlood> {
  const processes = options.processes ?? 2;
  const children: ChildProcess[] = [];
  for (let p = 0; p < processes; p++) {
    const senders = Math.floor(options.senders / processes) + (p < options.senders % processes ? 1 : 0);
    const config = { ...options, senders, keys: rotate(options.keys, p), hangMs: options.hangMs ?? 5_000 };
    children.push(fork(SENDER, [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }
  await Promise.all(children.map((child) => nextMessage(child)));
  return {
    async stop() {
      const results = await Promise.all(
        children.map((child) => {
          const result = nextMessage<FloodResult>(child);
          child.send('stop');
          return result;
        }),
      );
      return mergeResults(results);
    },
  };
}

function rotate<T>(items: T[], by: number): T[] {
  return items.map((_, i) => items[(i + by) % items.length]);
}

function mergeResults(results: FloodResult[]): FloodResult {
  const merged: FloodResult = { byStatus: {}, withoutRetryAfter: 0, requestMs: [] };
  for (const r of results) {
    for (const [status, n] of Object.entries(r.byStatus)) merged.byStatus[status] = (merged.byStatus[status] ?? 0) + n;
    merged.withoutRetryAfter += r.withoutRetryAfter;
    merged.requestMs.push(...r.requestMs);
  }
  return merged;
}
