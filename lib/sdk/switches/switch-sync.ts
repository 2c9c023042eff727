// Keeps a SwitchStore in step with the dashboard: the SSE stream GET /api/v1/switches/stream
// first; while it is down, polling GET /api/v1/switches with If-None-Match every few seconds;
// reconnecting with jittered backoff (with `transport: 'poll'`, polling alone). When neither
// answers, the store keeps its last states and turns stale after `staleAfterFailures` failed
// attempts in a row (a stream that drops, a reconnect or a poll that fails, or
// `heartbeatTimeoutMs` of silence on an open stream).
import { exponentialBackoff } from '../policies/backoff.ts';
import { unrefTimer } from '../timers.ts';
import { describeError as describe, OnceLogger, type Logger } from '../logger.ts';
import { readSwitchFile, SwitchFileWriter } from './persist.ts';
import { SseParser, type SseMessage } from './sse-parser.ts';
import type { SwitchDocument, SwitchFlip, SwitchStore } from './switch-store.ts';

export interface SwitchSyncOptions {
  baseUrl: string;
  /** A key with the `switches:read` scope. */
  apiKey: string;
  /**
   * `stream` (default): the SSE stream, polling only while it is down. `poll`: ETag polling
   * alone, for networks that cut long-lived connections (a flip then takes up to `pollIntervalMs`).
   */
  transport?: 'stream' | 'poll';
  /** Polling period while the stream is down, or always with `transport: 'poll'`. Default 5,000 ms. */
  pollIntervalMs?: number;
  /** Failed attempts in a row after which the store reports stale. Default 2. */
  staleAfterFailures?: number;
  /** Silence on an open stream after which it is dropped. The server sends a heartbeat every 15 s. Default 40,000 ms. */
  heartbeatTimeoutMs?: number;
  /** Largest wait between reconnects. Default 30,000 ms; the first wait is the server's `retry:` hint (2 s). */
  maxReconnectDelayMs?: number;
  /** Time limit for a poll and for the stream's response headers. Default 10,000 ms. */
  requestTimeoutMs?: number;
  /** A file that keeps the last known document across restarts. */
  persistPath?: string;
  logger: Logger;
  fetch?: typeof fetch;
}

export class SwitchSync {
  private readonly log: OnceLogger;
  private readonly fetch: typeof fetch;
  private readonly writer: SwitchFileWriter | null;
  private readonly stopped = new AbortController();
  private stream: AbortController | null = null;
  private running: Promise<void> | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by each start and stop, so that a poll still in flight from an earlier period does not schedule another. */
  private pollPeriod = 0;
  private polling = false;
  private etag: string | null = null;
  private failures = 0;
  private reconnects = 0;
  private retryHintMs = 2_000;
  private synced = false;
  private markSynced!: () => void;
  private readonly firstSync = new Promise<void>((resolve) => (this.markSynced = resolve));
  lastError: string | null = null;

  constructor(
    private readonly store: SwitchStore,
    private readonly options: SwitchSyncOptions,
  ) {
    this.log = new OnceLogger(options.logger);
    this.fetch = options.fetch ?? globalThis.fetch;
    this.writer = options.persistPath
      ? new SwitchFileWriter(options.persistPath, (err) =>
          this.log.warn(`cannot save the switch states to ${options.persistPath}: ${describe(err)}`),
        )
      : null;
    const saved = options.persistPath ? readSwitchFile(options.persistPath) : null;
    if (saved) store.applySnapshot(saved);
  }

  start(): void {
    this.running ??= this.run();
  }

  /** True once the dashboard answered; false when `timeoutMs` passed first (defaults or saved states apply). */
  ready(timeoutMs: number): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    return new Promise((resolve) => {
      // Not unref'd: a caller awaiting ready() must get its answer, not a process that ends.
      const timer = setTimeout(() => resolve(false), timeoutMs);
      void this.firstSync.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async close(): Promise<void> {
    this.stopped.abort();
    this.stream?.abort();
    this.stopPolling();
    await this.running;
    await this.writer?.idle();
  }

  private get closed(): boolean {
    return this.stopped.signal.aborted;
  }

  private async run(): Promise<void> {
    if (this.options.transport === 'poll') return this.startPolling();
    while (!this.closed) {
      try {
        await this.streamOnce();
      } catch (err) {
        if (this.closed) break;
        this.failed(describe(err));
      }
      if (this.closed) break;
      this.startPolling();
      // The server's `retry:` hint is the first delay; it may change between reconnects.
      const delay = exponentialBackoff({
        initialDelayMs: this.retryHintMs,
        maxDelayMs: this.options.maxReconnectDelayMs ?? 30_000,
      })(this.reconnects++);
      await this.sleep(delay);
    }
  }

  private async streamOnce(): Promise<void> {
    const controller = (this.stream = new AbortController());
    const connectTimer = unrefTimer(
      setTimeout(() => controller.abort(new Error('timed out')), this.options.requestTimeoutMs ?? 10_000),
    );
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    try {
      // Once the server has answered, a reconnect resumes after the version the store holds: the
      // server then sends the flips since instead of the whole document.
      const resume: Record<string, string> =
        this.synced && this.store.version >= 0 ? { 'Last-Event-ID': String(this.store.version) } : {};
      const response = await this.fetch(this.url('/api/v1/switches/stream'), {
        headers: this.headers({ Accept: 'text/event-stream', ...resume }),
        signal: controller.signal,
      });
      clearTimeout(connectTimer);
      if (!response.ok || !response.body) {
        void response.body?.cancel().catch(() => {});
        throw new Error(this.httpProblem(response.status));
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SseParser({
        onEvent: (m) => this.onMessage(m),
        onRetry: (ms) => (this.retryHintMs = Math.max(100, ms)),
      });
      const silenceMs = this.options.heartbeatTimeoutMs ?? 40_000;
      for (;;) {
        clearTimeout(watchdog);
        watchdog = unrefTimer(
          setTimeout(() => controller.abort(new Error(`no heartbeat for ${silenceMs} ms`)), silenceMs),
        );
        const { done, value } = await reader.read();
        if (done) break;
        parser.push(decoder.decode(value, { stream: true }));
      }
      throw new Error('the stream ended');
    } catch (err) {
      // An abort surfaces as AbortError; say why it was aborted instead.
      throw controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason : err;
    } finally {
      clearTimeout(connectTimer);
      clearTimeout(watchdog);
      controller.abort();
    }
  }

  private onMessage(message: SseMessage): void {
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return this.log.warn(`ignored a switch event that is not JSON (${message.event})`);
    }
    if (message.event === 'snapshot' || message.event === 'resume') {
      // A resumed stream is followed by the flips since the version we sent; the states stay.
      this.reconnects = 0;
      this.stopPolling();
      this.applyDocument(message.event === 'snapshot' ? (data as SwitchDocument) : null);
    } else if (message.event === 'switch') {
      if (this.store.applyFlip(data as SwitchFlip)) this.save();
    }
  }

  /** A snapshot or a poll answered: the states are current again. */
  private applyDocument(doc: SwitchDocument | null): void {
    if (doc && this.store.applySnapshot(doc)) this.save();
    this.failures = 0;
    this.lastError = null;
    this.store.setStale(false);
    if (!this.synced) {
      this.synced = true;
      this.markSynced();
    }
  }

  private failed(error: string): void {
    this.lastError = error;
    if (++this.failures >= (this.options.staleAfterFailures ?? 2)) this.store.setStale(true);
  }

  private startPolling(): void {
    if (this.polling || this.closed) return;
    this.polling = true;
    void this.poll(++this.pollPeriod);
  }

  private stopPolling(): void {
    this.polling = false;
    this.pollPeriod++;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  private async poll(period: number): Promise<void> {
    try {
      const headers = this.headers(this.etag ? { 'If-None-Match': this.etag } : {});
      const response = await this.fetch(this.url('/api/v1/switches'), {
        headers,
        signal: AbortSignal.any([this.stopped.signal, AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000)]),
      });
      if (response.status === 304) this.applyDocument(null);
      else if (response.ok) {
        const doc = (await response.json()) as SwitchDocument;
        this.etag = response.headers.get('etag');
        this.applyDocument(doc);
      } else {
        void response.body?.cancel().catch(() => {});
        this.failed(this.httpProblem(response.status));
      }
    } catch (err) {
      if (!this.closed) this.failed(describe(err));
    }
    if (this.polling && period === this.pollPeriod && !this.closed) {
      this.pollTimer = unrefTimer(setTimeout(() => void this.poll(period), this.options.pollIntervalMs ?? 5_000));
    }
  }

  private save(): void {
    void this.writer?.save(this.store.document());
  }

  private httpProblem(status: number): string {
    const problem = `HTTP ${status}`;
    if (status === 401 || status === 403)
      this.log.warn(`the dashboard refused the API key for switches (${problem}); it needs the switches:read scope`);
    return problem;
  }

  private url(path: string): string {
    return new URL(path, this.options.baseUrl).toString();
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    return { Authorization: `Bearer ${this.options.apiKey}`, ...extra };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = unrefTimer(setTimeout(done, ms));
      const signal = this.stopped.signal;
      signal.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    });
  }
}
