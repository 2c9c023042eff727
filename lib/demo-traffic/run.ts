// `switchboard demo`: steady live traffic through the SDK against the mock provider, a status line
// per second, optional chaos, and a clean stop that flushes every recorded call.
import { setMaxListeners } from 'node:events';
import OpenAI from 'openai';
import { sampleBody } from '@/lib/demo/bodies';
import { createRng } from '@/lib/demo/prng';
import {
  BASELINE_FAULTS,
  CHAOS_SCHEDULE,
  chaosPhaseAt,
  layerFaults,
  setProviderFaults,
  type ChaosPhase,
} from './chaos';
import { TRAFFIC_FEATURES, type TrafficFeature } from './catalog';
import { dueAt, weightedRoundRobin } from './mix';
import { createSwitchboard } from '@/lib/sdk/index';
import { callFeature, describeSdkStats } from './sdk';
import { StatusBoard, type Served } from './status';
import { startMockProvider, type MockProvider } from '@/lib/mock-provider';
import { pause } from '@/lib/mock-provider/http';

export interface DemoOptions {
  /** The Switchboard app, e.g. http://localhost:3000. */
  url: string;
  /** An API key with the ingest and switches:read scopes. */
  apiKey: string;
  /** An already running mock provider (its /v1 URL); without it one starts in this process. */
  providerUrl?: string;
  rps: number;
  chaos: boolean;
  environment: string;
  /** Stop by itself after this long (tests); otherwise runs until `signal` aborts. */
  durationMs?: number;
  signal?: AbortSignal;
  features?: TrafficFeature[];
  chaosSchedule?: ChaosPhase[];
  /** Where the status lines go. */
  print: (line: string) => void;
  seed?: number;
}

export interface DemoResult {
  calls: number;
  byRoute: Record<Served, number>;
  /** Calls not started because too many were still waiting (a hung provider). */
  skipped: number;
  sdkStats: unknown;
}

/** More calls waiting than this means the provider hangs: new ones are skipped, not piled up. */
const MAX_IN_FLIGHT = 200;
/** How long a stop waits for calls in flight before cancelling them. */
const DRAIN_MS = 5_000;

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const features = options.features ?? TRAFFIC_FEATURES;
  let mock: MockProvider | undefined;
  if (!options.providerUrl) mock = await startMockProvider({ faults: BASELINE_FAULTS });
  const baseURL = options.providerUrl ?? mock!.baseUrl;
  const origin = baseURL.replace(/\/v1\/?$/, '');
  const openai = new OpenAI({ baseURL, apiKey: 'mock', maxRetries: 0 }); // the SDK's chain does the retrying
  const switchboard = createSwitchboard({
    baseUrl: options.url,
    apiKey: options.apiKey,
    environment: options.environment,
  });
  const board = new StatusBoard(features.map((f) => f.key));
  const rng = createRng(options.seed ?? Date.now());
  const next = weightedRoundRobin(features);
  const cancelCalls = new AbortController();
  // Every call in flight listens on it (up to MAX_IN_FLIGHT, a few listeners each): not a leak.
  setMaxListeners(MAX_IN_FLIGHT * 4, cancelCalls.signal);
  const inFlight = new Set<Promise<void>>();
  let calls = 0;
  let skipped = 0;

  options.print(
    `Demo traffic: ${options.rps} calls/s to ${options.url} through the SDK; model calls go to ${baseURL}. Ctrl-C stops.`,
  );
  options.print(
    `Features: ${features.map((f) => `${f.key} (${f.models.map((m) => m.model).join(' → ')}${f.cache ? ' → cache' : ''}${f.rule ? ' → rule' : ''})`).join(', ')}`,
  );

  if (!(await switchboard.ready())) {
    options.print('The dashboard did not send the switch states in time: starting with the defaults (not killed).');
  }
  const start = performance.now();
  const elapsed = () => performance.now() - start;
  const stop = new AbortController();
  const onStop = () => stop.abort();
  options.signal?.addEventListener('abort', onStop, { once: true });
  if (options.signal?.aborted) stop.abort();

  let currentPhase = '';
  let lastTick = start;
  const ticker = setInterval(() => {
    const now = performance.now();
    const phase = options.chaos ? ` │ chaos: ${currentPhase}` : '';
    const sdkStats = describeSdkStats(switchboard.stats());
    const extra = `in flight ${inFlight.size}${skipped ? `, skipped ${skipped}` : ''}${sdkStats ? ` │ ${sdkStats}` : ''}${phase}`;
    options.print(board.line(now - lastTick, new Date(), extra));
    lastTick = now;
  }, 1000);

  const chaosTimer = options.chaos
    ? setInterval(() => {
        const phase = chaosPhaseAt(elapsed(), options.chaosSchedule ?? CHAOS_SCHEDULE);
        if (phase.name === currentPhase) return;
        currentPhase = phase.name;
        options.print(`chaos: ${phase.name} for ${Math.round(phase.durationMs / 1000)} s`);
        setProviderFaults(origin, layerFaults(mock ? BASELINE_FAULTS : {}, phase.faults)).catch((err) =>
          options.print(`chaos: ${(err as Error).message}`),
        );
      }, 250)
    : undefined;

  try {
    for (let n = 0; !stop.signal.aborted; n++) {
      const due = dueAt(n, options.rps);
      if (options.durationMs !== undefined && due >= options.durationMs) break;
      await pause(due - elapsed(), stop.signal);
      if (stop.signal.aborted) break;
      if (inFlight.size >= MAX_IN_FLIGHT) {
        skipped++;
        continue;
      }
      const feature = next();
      const body = sampleBody(feature.prompts ?? feature.key, rng, { answered: true });
      const call = callFeature(
        switchboard,
        openai,
        { feature, body, cacheHit: rng.chance(feature.cache?.hitRate ?? 0) },
        cancelCalls.signal,
      )
        .then((route) => board.record(feature.key, route))
        .catch(() => board.record(feature.key, 'error'))
        .finally(() => inFlight.delete(call));
      inFlight.add(call);
      calls++;
    }
    // Let the calls in flight finish (they are recorded too), then cancel the stragglers.
    const drained = Promise.all(inFlight);
    await Promise.race([drained, pause(DRAIN_MS)]);
    cancelCalls.abort();
    await drained;
  } finally {
    clearInterval(ticker);
    if (chaosTimer) clearInterval(chaosTimer);
    options.signal?.removeEventListener('abort', onStop);
    await switchboard.flush().catch((err) => options.print(`Could not flush every call: ${(err as Error).message}`));
    await switchboard.close().catch(() => {});
    if (mock) await mock.close();
    else if (options.chaos) await fetch(`${origin}/_faults`, { method: 'DELETE' }).catch(() => {});
  }
  const result = { calls, byRoute: board.summary(), skipped, sdkStats: switchboard.stats() };
  options.print(
    `Stopped after ${calls} calls: ${Object.entries(result.byRoute)
      .map(([r, n]) => `${r} ${n}`)
      .join(', ')}.`,
  );
  return result;
}
