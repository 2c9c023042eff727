// Ships items (calls, scores) to a batch endpoint of the dashboard in the background. `push` only
// adds to a bounded queue; redaction, serialisation and the HTTP request happen on a timer (or as
// soon as a full batch is waiting), one request at a time. TelemetryExporter (calls) and
// ScoreExporter (scores) are the two kinds.
import { exponentialBackoff, type Backoff, type BackoffOptions } from '../policies/backoff.ts';
import { parseRetryAfter } from '../policies/retry-after.ts';
import { unrefTimer } from '../timers.ts';
import { consoleLogger, describeError as describe, OnceLogger, type Logger } from '../logger.ts';
import { builtinRedactor, type Redactor } from '../redact/redactor.ts';
import { readAnswer, type Batch } from './batch.ts';
import { CallQueue } from './call-queue.ts';

export interface ExporterOptions {
  baseUrl: string;
  /** A key with the `ingest` scope. */
  apiKey: string;
  /** How often queued items are sent. Default 1,000 ms; a full batch goes at once. */
  intervalMs?: number;
  /** Items per request. Default 500 (the server takes up to 1,000). */
  batchSize?: number;
  /** Items held in memory at most; past it the oldest are dropped and counted. Default 10,000. */
  maxQueue?: number;
  /** Waits between failed attempts. Default 500 ms doubling to 30 s, jittered (`{ initialDelayMs: 500, maxDelayMs: 30_000 }`). */
  backoff?: BackoffOptions;
  /** A Retry-After longer than this is cut to it. Default 60 s. */
  maxRetryAfterMs?: number;
  /** One request's time limit. Default 10 s. */
  requestTimeoutMs?: number;
  /** Redacts prompts, completions and metadata before they leave the process. Default: the built-in detectors; null turns it off. */
  redactor?: Redactor | null;
  /** Flush when the event loop empties (process 'beforeExit'). Default true. */
  flushOnExit?: boolean;
  logger?: Logger;
  fetch?: typeof fetch;
}

export interface ExporterStats {
  /** Items waiting to be sent, including a batch being retried. */
  queued: number;
  /** Items the dashboard confirmed as stored. */
  sent: number;
  /** Items given up on: pushed out of a full queue, rejected as invalid, or refused (bad key). */
  dropped: number;
  /** Requests that failed and will be retried. */
  failedAttempts: number;
  lastError: string | null;
}

/** What sets one kind of batch apart: where it goes, what its items are called, how they are encoded. */
export interface BatchKind<T> {
  /** The endpoint's path, e.g. `/api/v1/calls`. */
  path: string;
  /** One item, for messages: `call`. */
  noun: string;
  /** Redacts (unless `redactor` is null) and serialises the items once. */
  encode(items: T[], redactor: Redactor | null): Batch<T>;
  /** Runs before each send: scores wait for the calls they score to be sent first. */
  beforeSend?: () => Promise<void>;
}

type Outcome = 'done' | 'retry';

const EXIT_FLUSH_ATTEMPTS = 3;

/** One 'beforeExit' listener for all exporters (a benchmark may make a hundred clients). */
const flushOnExit = new Set<BatchExporter<unknown>>();
if (typeof process !== 'undefined') {
  process.on('beforeExit', () => {
    for (const exporter of flushOnExit) exporter.onBeforeExit();
  });
}

export class BatchExporter<T> {
  private readonly queue: CallQueue<T>;
  /** Batches formed and not yet confirmed; the first is the one being sent. */
  private readonly batches: Batch<T>[] = [];
  private readonly log: OnceLogger;
  private readonly fetch: typeof fetch;
  private readonly url: string;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly backoff: Backoff;
  private kick: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pumping: Promise<void> | null = null;
  private retryAt = 0;
  private failures = 0;
  private exitFlushes = 0;
  private closed = false;
  private sent = 0;
  private givenUp = 0;
  private failedAttempts = 0;
  private lastError: string | null = null;

  constructor(
    private readonly options: ExporterOptions,
    private readonly kind: BatchKind<T>,
  ) {
    this.queue = new CallQueue<T>(options.maxQueue ?? 10_000);
    this.log = new OnceLogger(options.logger ?? consoleLogger);
    this.fetch = options.fetch ?? globalThis.fetch;
    this.url = new URL(kind.path, options.baseUrl).toString();
    this.backoff = exponentialBackoff(options.backoff ?? { initialDelayMs: 500, maxDelayMs: 30_000 });
    this.timer = unrefTimer(setInterval(() => void this.pump(false), options.intervalMs ?? 1_000));
    if (options.flushOnExit ?? true) flushOnExit.add(this as BatchExporter<unknown>);
  }

  /** Queues an item; returns at once. */
  protected push(item: T): void {
    if (this.closed) {
      this.givenUp++;
      this.log.warn(`a ${this.kind.noun} was recorded after close(); it is not exported.`);
      return;
    }
    this.queue.push(item);
    if (this.queue.length >= this.batchSize && !this.kick && !this.pumping) {
      this.kick = unrefTimer(setTimeout(() => void this.pump(false), 0));
    }
  }

  stats(): ExporterStats {
    const inBatches = this.batches.reduce((n, b) => n + b.items.length, 0);
    return {
      queued: this.queue.length + inBatches,
      sent: this.sent,
      dropped: this.queue.dropped + this.givenUp,
      failedAttempts: this.failedAttempts,
      lastError: this.lastError,
    };
  }

  /**
   * Sends everything queued now, ignoring any backoff wait. Resolves when the queue is empty or
   * an attempt failed (what failed stays queued and is retried in the background).
   */
  async flush(): Promise<void> {
    while (this.pumping) await this.pumping;
    await this.pump(true);
  }

  /** Stops the timers and flushes. Items recorded afterwards are counted as dropped. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    if (this.kick) clearTimeout(this.kick);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    flushOnExit.delete(this as BatchExporter<unknown>);
    await this.flush();
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  /** Called when the event loop empties: sends what is left (which keeps the process alive until done). */
  onBeforeExit(): void {
    if (this.queue.length === 0 && this.batches.length === 0) return;
    // The dashboard may be down: try a few times, then let the process end.
    if (this.exitFlushes++ < EXIT_FLUSH_ATTEMPTS) return void this.flush();
    if (this.exitFlushes === EXIT_FLUSH_ATTEMPTS + 1) {
      this.log.warn(
        `${this.stats().queued} ${this.kind.noun}(s) were not exported before the process ended (${this.lastError ?? 'unknown error'}).`,
      );
    }
  }

  private pump(force: boolean): Promise<void> {
    this.kick = null;
    this.pumping ??= this.drain(force).finally(() => (this.pumping = null));
    return this.pumping;
  }

  private async drain(force: boolean): Promise<void> {
    for (;;) {
      if (!force && performance.now() < this.retryAt) return;
      if (this.batches.length === 0) {
        if (this.queue.length === 0) return;
        this.batches.push(
          this.kind.encode(
            this.queue.take(this.batchSize),
            this.options.redactor === undefined ? builtinRedactor : this.options.redactor,
          ),
        );
      }
      if ((await this.send(this.batches[0])) === 'retry') return;
    }
  }

  private async send(batch: Batch<T>): Promise<Outcome> {
    let response: Response;
    try {
      await this.kind.beforeSend?.();
      response = await this.fetch(this.url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.options.apiKey}`, 'Content-Type': 'application/json' },
        body: batch.body,
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000),
      });
    } catch (err) {
      return this.retryLater(`network error: ${describe(err)}`);
    }
    const status = response.status;
    if (status === 429 || status === 408 || status >= 500) {
      void response.body?.cancel().catch(() => {});
      return this.retryLater(`HTTP ${status}`, parseRetryAfter(response.headers.get('retry-after')));
    }
    const answer = await readAnswer(response);
    if (status === 413 && batch.items.length > 1) {
      // Too many large items in one request: send each half on its own.
      const half = Math.ceil(batch.items.length / 2);
      this.batches.splice(
        0,
        1,
        this.kind.encode(batch.items.slice(0, half), null),
        this.kind.encode(batch.items.slice(half), null),
      );
      return 'done';
    }
    this.batches.shift();
    this.failures = 0;
    this.retryAt = 0;
    const rejected = Array.isArray(answer.rejected) ? answer.rejected : null;
    if ((status >= 200 && status < 300) || rejected) {
      const refused = rejected?.length ?? 0;
      this.sent += batch.items.length - refused;
      this.givenUp += refused;
      if (refused > 0) {
        const first = rejected![0]?.errors?.[0] ?? 'invalid';
        this.log.warn(
          `the dashboard rejected ${refused} ${this.kind.noun}(s) as invalid and they are dropped; first reason: ${first}`,
        );
      }
      return 'done';
    }
    // 400, 401, 403, 413 of one item…: re-sending cannot help.
    this.givenUp += batch.items.length;
    this.lastError = `HTTP ${status}`;
    this.log.warn(
      `the dashboard refused ${batch.items.length} ${this.kind.noun}(s) with HTTP ${status} and they are dropped: ${answer.error?.message ?? 'no reason given'}`,
    );
    return 'done';
  }

  private retryLater(error: string, serverDelayMs: number | null = null): Outcome {
    this.failures++;
    this.failedAttempts++;
    this.lastError = error;
    const delay =
      serverDelayMs !== null
        ? Math.min(serverDelayMs, this.options.maxRetryAfterMs ?? 60_000)
        : this.backoff(this.failures - 1);
    this.retryAt = performance.now() + delay;
    if (!this.closed) {
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = unrefTimer(setTimeout(() => void this.pump(false), delay));
    }
    return 'retry';
  }
}
