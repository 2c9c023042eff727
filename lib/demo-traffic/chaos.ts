// Faults for the demo: a realistic baseline (models have latency, streams take time per token) and,
// with --chaos, a repeating schedule of incidents so the charts have something to show.
import type { FaultSpec, FaultUpdate } from '@/lib/mock-provider';

/** Latency per model, roughly like the real ones, so fallbacks are visibly faster or slower. */
export const BASELINE_FAULTS: FaultUpdate = {
  global: { latencyMs: 150, jitterMs: 150, ttftMs: 150, chunkIntervalMs: 15 },
  models: {
    'gpt-4o': { latencyMs: 250, jitterMs: 250, ttftMs: 300, chunkIntervalMs: 20 },
    'gpt-4o-mini': { latencyMs: 150, jitterMs: 150, ttftMs: 150, chunkIntervalMs: 10 },
    'claude-sonnet-4-20250514': { latencyMs: 300, jitterMs: 300, ttftMs: 450, chunkIntervalMs: 25 },
    'claude-3-5-haiku-20241022': { latencyMs: 200, jitterMs: 200, ttftMs: 200, chunkIntervalMs: 12 },
  },
};

export interface ChaosPhase {
  name: string;
  durationMs: number;
  /** Layered over the baseline, field by field per model. */
  faults: FaultUpdate;
}

const calm = (durationMs: number): ChaosPhase => ({ name: 'calm', durationMs, faults: {} });

export const CHAOS_SCHEDULE: ChaosPhase[] = [
  calm(20_000),
  {
    name: '429 storm on gpt-4o',
    durationMs: 30_000,
    faults: { models: { 'gpt-4o': { rate429: 0.9, retryAfterSeconds: 2 } } },
  },
  calm(20_000),
  {
    name: 'slow period (all models +1.5 s)',
    durationMs: 30_000,
    faults: { global: { latencyMs: 1_500, jitterMs: 1_000, ttftMs: 1_200 } },
  },
  calm(20_000),
  {
    name: '5xx bursts on claude-3-5-haiku',
    durationMs: 20_000,
    faults: { models: { 'claude-3-5-haiku-20241022': { rate5xx: 0.6 } } },
  },
  calm(20_000),
  {
    name: 'gpt-4o-mini hangs and breaks streams',
    durationMs: 20_000,
    faults: { models: { 'gpt-4o-mini': { hangRate: 0.3, breakAfterChunks: 4 } } },
  },
];

/** The phase in force `elapsedMs` after the start; the schedule repeats. */
export function chaosPhaseAt(elapsedMs: number, schedule: readonly ChaosPhase[] = CHAOS_SCHEDULE): ChaosPhase {
  const cycle = schedule.reduce((sum, p) => sum + p.durationMs, 0);
  let t = ((elapsedMs % cycle) + cycle) % cycle;
  for (const phase of schedule) {
    if (t < phase.durationMs) return phase;
    t -= phase.durationMs;
  }
  return schedule[0];
}

/** Baseline and phase combined into one full fault config (what POST /_faults gets after a DELETE). */
export function layerFaults(
  base: FaultUpdate,
  over: FaultUpdate,
): { global: FaultSpec; models: Record<string, FaultSpec> } {
  const models: Record<string, FaultSpec> = {};
  for (const name of new Set([...Object.keys(base.models ?? {}), ...Object.keys(over.models ?? {})])) {
    // A global override (the slow period) must beat each model's own baseline latency too.
    models[name] = { ...base.models?.[name], ...over.global, ...over.models?.[name] };
  }
  return { global: { ...base.global, ...over.global }, models };
}

/** Replaces the faults of a running mock provider (in-process or another process) over HTTP. */
export async function setProviderFaults(origin: string, faults: FaultUpdate): Promise<void> {
  const cleared = await fetch(`${origin}/_faults`, { method: 'DELETE' });
  if (!cleared.ok) throw new Error(`The mock provider at ${origin} refused DELETE /_faults (${cleared.status}).`);
  const res = await fetch(`${origin}/_faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!res.ok) throw new Error(`The mock provider at ${origin} refused the faults: ${await res.text()}`);
}
