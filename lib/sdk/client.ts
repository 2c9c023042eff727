// createSwitchboard(): one object per application that wires the call path (sdk-core's fallback
// chains) to the dashboard: switch states kept in memory by SwitchSync, calls shipped by the
// TelemetryExporter. Nothing on the call path waits on the network.
import {
  BreakerRegistry,
  runChain,
  streamChain,
  type CircuitBreakerOptions,
  type RunOptions,
  type Step,
  type StreamChainStep,
} from './core.ts';
import { consoleLogger, type Logger } from './logger.ts';
import { SwitchStore } from './switches/switch-store.ts';
import { SwitchSync } from './switches/switch-sync.ts';
import { TelemetryExporter, type ExporterStats } from './telemetry/exporter.ts';
import { ScoreExporter } from './telemetry/score-exporter.ts';
import type { CallRecorder, ScoreRecord } from './types.ts';

export interface SwitchboardOptions {
  /** The dashboard, e.g. `https://switchboard.example.com`. */
  baseUrl: string;
  /** An API key with the `ingest` and `switches:read` scopes. */
  apiKey: string;
  /** Recorded on every call unless the call says otherwise. The server's default is `production`. */
  environment?: string;
  /** Recorded on every call (a prompt or app version) unless the call says otherwise. */
  release?: string;
  /** Whether a feature the dashboard never reported counts as killed. Default false. */
  defaultKilled?: boolean;
  /** A file that keeps the last known switch states across restarts (written atomically). */
  persistPath?: string;
  /** How often calls are shipped. Default 1,000 ms (a full batch of 500 goes at once). */
  exportIntervalMs?: number;
  /** Calls held in memory at most while the dashboard is unreachable; the oldest go first. Default 10,000. */
  maxQueue?: number;
  /**
   * How switch states arrive: `stream` (default) holds the server-sent events stream open and
   * polls only while it is down; `poll` only polls with `If-None-Match` every `pollIntervalMs`,
   * for networks that cut long-lived connections (flips then take up to that long to arrive).
   */
  transport?: 'stream' | 'poll';
  /** Polling period while the switch stream is down, or always with `transport: 'poll'`. Default 5,000 ms. */
  pollIntervalMs?: number;
  /** Time limit of one request to the dashboard (a batch, a poll, the stream's headers). Default 10,000 ms. */
  requestTimeoutMs?: number;
  /** How long ready() waits for the first switch states. Default 5,000 ms. */
  readyTimeoutMs?: number;
  /** The per-model circuit breakers: `threshold` consecutive failures (default 5) open one for `openMs` (default 30,000 ms). */
  breakers?: Omit<CircuitBreakerOptions, 'name'>;
  /** Default console.warn. Messages never contain prompts, completions or keys. */
  logger?: Logger;
  /** Default the global fetch. */
  fetch?: typeof fetch;
}

export interface SwitchboardStats extends ExporterStats {
  /** The scores sent with score(), counted like calls. */
  scores: ExporterStats;
  /** True when the switch states may be out of date (the dashboard has not been reachable). */
  stale: boolean;
  /** The last problem reaching the switch endpoints, or null. */
  switchError: string | null;
}

export interface Switchboard {
  /** Runs a fallback chain for `feature` (kill switch first) and records the call. */
  run<T>(feature: string, steps: readonly Step<T>[], options?: RunOptions): ReturnType<typeof runChain<T>>;
  /** The same for token streams. */
  stream<C>(
    feature: string,
    steps: readonly StreamChainStep<C>[],
    options?: RunOptions,
  ): ReturnType<typeof streamChain<C>>;
  /**
   * Scores a call after it ran — a user's thumbs-down, a judge's verdict — from 0 (bad) to 1 (good):
   * `switchboard.score(result.id, 0, { name: 'thumbs', source: 'user' })`. Batched and sent in the
   * background after the calls; one score per call and name, a later one replaces it.
   */
  score(callId: string, value: number, options?: Omit<ScoreRecord, 'callId' | 'value'>): void;
  /** From memory, never over the network. */
  isKilled(feature: string): boolean;
  readonly switches: SwitchStore;
  /** Where finished calls go; for calls made outside run()/stream(). */
  readonly recorder: CallRecorder;
  readonly breakers: BreakerRegistry;
  stats(): SwitchboardStats;
  /** True once the dashboard answered; false when it did not within `readyTimeoutMs` (saved states or defaults apply). */
  ready(): Promise<boolean>;
  /** Sends the queued calls, then the queued scores, now. */
  flush(): Promise<void>;
  /** Closes the switch stream, stops the timers and flushes. */
  close(): Promise<void>;
}

export function createSwitchboard(options: SwitchboardOptions): Switchboard {
  if (!options.baseUrl) throw new TypeError('createSwitchboard needs baseUrl, the dashboard URL.');
  if (!options.apiKey)
    throw new TypeError('createSwitchboard needs apiKey, a key with the ingest and switches:read scopes.');
  const logger = options.logger ?? consoleLogger;
  const switches = new SwitchStore(options.defaultKilled ?? false);
  const sync = new SwitchSync(switches, { ...options, logger });
  const recorder = new TelemetryExporter({ ...options, intervalMs: options.exportIntervalMs, logger });
  const scores = new ScoreExporter({
    ...options,
    intervalMs: options.exportIntervalMs,
    logger,
    beforeSend: () => recorder.flush(),
  });
  const breakers = new BreakerRegistry(options.breakers);
  const deps = { switches, recorder, breakers };
  const withDefaults = (o: RunOptions): RunOptions => ({
    ...o,
    environment: o.environment ?? options.environment,
    release: o.release ?? options.release,
  });
  sync.start();
  let closing: Promise<void> | undefined;

  return {
    run: (feature, steps, runOptions = {}) => runChain(feature, steps, withDefaults(runOptions), deps),
    stream: (feature, steps, runOptions = {}) => streamChain(feature, steps, withDefaults(runOptions), deps),
    score: (callId, value, scoreOptions) => scores.score(callId, value, scoreOptions),
    isKilled: (feature) => switches.isKilled(feature),
    switches,
    recorder,
    breakers,
    stats: () => ({ ...recorder.stats(), scores: scores.stats(), stale: switches.stale, switchError: sync.lastError }),
    ready: () => sync.ready(options.readyTimeoutMs ?? 5_000),
    flush: () => recorder.flush().then(() => scores.flush()),
    close: () =>
      (closing ??= Promise.all([sync.close(), recorder.close().then(() => scores.close())]).then(() => undefined)),
  };
}
