// Generates the demo month: every call as an application would report it
// (docs/ingestion.md#the-call-fields), shaped by a daily and weekly rhythm, each feature's fallback
// chain, and the incidents of the scenario.
import { DAY_MS, HOUR_MS } from '@/lib/time/units';
import { sampleBody } from './bodies';
import { createRng, type Rng } from './prng';
import { DEMO_FEATURES, type FeatureProfile, type ModelStep } from './profiles';
import { buildScenario, killedAt, type Incident, type Scenario } from './scenario';
import type { CallRecord, ErrorType } from '@/lib/sdk/types';

export const DEMO_SEED = 20_240_607;

export interface DemoOptions {
  now: Date;
  seed?: number;
  days?: number;
  /** Multiplies every feature's traffic (tests use a fraction). */
  scale?: number;
  /** Share of calls that carry a prompt and completion. */
  bodyShare?: number;
}

export interface DemoData {
  calls: CallRecord[];
  scenario: Scenario;
}

const ORDINARY_ERRORS: readonly (readonly [ErrorType, number])[] = [
  ['rate_limit', 0.4],
  ['timeout', 0.3],
  ['server_error', 0.25],
  ['network', 0.05],
];

/** Traffic relative to the mean: low at 03:00 UTC, high at 15:00 UTC, quieter at weekends. */
export function trafficShape(ts: number): number {
  const d = new Date(ts);
  const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
  const daily = 1 + 0.65 * Math.sin((2 * Math.PI * (hour - 9)) / 24);
  const weekday = d.getUTCDay();
  return daily * (weekday === 0 || weekday === 6 ? 0.55 : 1.15);
}

export function generateDemoData(options: DemoOptions): DemoData {
  const { now, seed = DEMO_SEED, days = 30, scale = 1, bodyShare = 0.04 } = options;
  const scenario = buildScenario(now);
  const end = now.getTime();
  const start = end - days * DAY_MS;
  const calls: CallRecord[] = [];

  DEMO_FEATURES.forEach((profile, index) => {
    // One stream per feature: changing one feature's profile leaves the others' calls alone.
    const rng = createRng(seed + index * 7919);
    const releases = releaseTrain(profile, scenario, end);
    for (let hourStart = Math.floor(start / HOUR_MS) * HOUR_MS; hourStart < end; hourStart += HOUR_MS) {
      const growth = 0.9 + (0.2 * (hourStart - start)) / (end - start);
      const busy =
        profile.callsPerHour * scale * growth * trafficShape(hourStart + HOUR_MS / 2) * rng.lognormal(1, 0.1);
      for (const [environment, share] of [
        ['production', 1],
        ['staging', profile.stagingShare],
      ] as const) {
        const n = rng.count(busy * share);
        for (let i = 0; i < n; i++) {
          const ts = hourStart + Math.floor(rng.next() * HOUR_MS);
          if (ts < start || ts > end) continue;
          calls.push(makeCall({ profile, ts, environment, rng, scenario, releases, bodyShare }));
        }
      }
    }
  });

  calls.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return { calls, scenario };
}

type Release = { name: string; at: number };

function releaseTrain(profile: FeatureProfile, scenario: Scenario, end: number): Release[] {
  return [
    ...profile.releases.map((r) => ({ name: r.name, at: end - r.daysAgo * DAY_MS })),
    ...scenario.extraReleases
      .filter((r) => r.feature === profile.key)
      .map((r) => ({ name: r.name, at: r.at.getTime() })),
  ].sort((a, b) => a.at - b.at);
}

/** Production runs the release in force; staging gets each release a day before production. */
function releaseAt(releases: Release[], ts: number, environment: string): string {
  const lead = environment === 'staging' ? DAY_MS : 0;
  let name = releases[0].name;
  for (const r of releases) if (r.at - lead <= ts) name = r.name;
  return name;
}

function incidentAt(scenario: Scenario, feature: string, ts: number, environment: string): Incident | undefined {
  return scenario.incidents.find(
    (i) =>
      i.feature === feature && i.environments.includes(environment) && i.from.getTime() <= ts && ts < i.to.getTime(),
  );
}

interface CallContext {
  profile: FeatureProfile;
  ts: number;
  environment: string;
  rng: Rng;
  scenario: Scenario;
  releases: Release[];
  bodyShare: number;
}

function makeCall(ctx: CallContext): CallRecord {
  const { profile, ts, environment, rng } = ctx;
  const incident = incidentAt(ctx.scenario, profile.key, ts, environment);
  const userNum = Math.floor(profile.users * rng.next() ** 2);
  const dayIndex = Math.floor(ts / DAY_MS);
  const base: CallRecord = {
    id: rng.uuid(),
    feature: profile.key,
    timestamp: new Date(ts).toISOString(),
    model: '',
    outcome: 'ok',
    route: 'primary',
    fallbackDepth: 0,
    latencyMs: 0,
    userId: `usr_${((userNum * 2_654_435_761) >>> 0).toString(36)}`,
    sessionId: `sess_${(((userNum + 1) * 40_503) ^ (dayIndex * 2_246_822_519)) >>> 0}`,
    environment,
    release: releaseAt(ctx.releases, ts, environment),
  };

  const inputTokens = Math.max(
    20,
    Math.round(
      rng.lognormal(profile.inputTokens.median, profile.inputTokens.sigma) * (incident?.inputTokenFactor ?? 1),
    ),
  );
  const call = killedAt(ctx.scenario, profile.key, ts)
    ? serveKilled(base, profile, rng)
    : runChain(base, profile, rng, incident, inputTokens);

  if (call.outcome === 'ok' && call.route !== 'killed' && rng.chance(profile.scores.share)) {
    const good = incident?.scoreGood ?? profile.scores.good;
    call.score =
      profile.scores.kind === 'thumbs'
        ? rng.chance(good)
          ? 1
          : 0
        : round2(Math.min(1, Math.max(0, good + 0.1 * rng.normal())));
  }
  if (rng.chance(call.outcome === 'error' ? 0.3 : ctx.bodyShare)) {
    const body = sampleBody(profile.key, rng, {
      answered: call.outcome === 'ok',
      leaky: incident?.scoreGood !== undefined,
    });
    call.prompt = body.prompt;
    if (body.completion) call.completion = body.completion;
    call.metadata = { region: rng.pick(['us-east-1', 'eu-west-1']), plan: rng.pick(['free', 'team', 'enterprise']) };
  }
  return call;
}

/** While the switch is on the model is never called: the chain's non-LLM tail serves. */
function serveKilled(call: CallRecord, profile: FeatureProfile, rng: Rng): CallRecord {
  const tail = profile.chain.find((s) => s.kind !== 'model');
  return {
    ...call,
    model: tail?.model ?? 'rule:disabled',
    route: 'killed',
    latencyMs: Math.max(1, Math.round(rng.lognormal(4, 0.6))),
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
  };
}

/** Tries each step of the fallback chain in turn, as the SDK does. */
function runChain(
  call: CallRecord,
  profile: FeatureProfile,
  rng: Rng,
  incident: Incident | undefined,
  inputTokens: number,
): CallRecord {
  let latency = 0;
  let lastError: ErrorType = 'other';
  let lastModel: { step: ModelStep; depth: number } | undefined;
  const cached =
    !incident?.promptCacheMiss && rng.chance(profile.promptCache.share)
      ? Math.round(inputTokens * profile.promptCache.fraction)
      : 0;

  if (rng.chance(profile.contentFilterRate)) {
    const step = profile.chain[0] as ModelStep;
    return {
      ...call,
      model: step.model,
      provider: step.provider,
      outcome: 'error',
      errorType: 'content_filter',
      latencyMs: Math.round(rng.lognormal(350, 0.3)),
      inputTokens,
      outputTokens: 0,
      cachedInputTokens: cached,
    };
  }

  for (const [depth, step] of profile.chain.entries()) {
    if (step.kind !== 'model') {
      latency += rng.lognormal(step.kind === 'cache' ? 9 : 2, 0.5);
      if (rng.chance(step.applies)) {
        return {
          ...call,
          model: step.model,
          route: step.kind,
          fallbackDepth: depth,
          latencyMs: Math.max(1, Math.round(latency)),
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
        };
      }
      continue;
    }
    const failRate =
      (depth === 0 ? incident?.primaryFail : depth === 1 ? incident?.fallbackFail : undefined) ?? step.failRate;
    lastModel = { step, depth };
    if (rng.chance(failRate)) {
      lastError = rng.weighted(incident?.errorMix ?? ORDINARY_ERRORS);
      latency +=
        lastError === 'timeout'
          ? step.timeoutMs + rng.int(1, 40)
          : rng.lognormal(lastError === 'rate_limit' ? 140 : 900, 0.4);
      if (latency >= profile.deadlineMs) return failedCall(call, profile, lastModel, 'timeout', latency, inputTokens);
      continue;
    }
    const factor = incident?.latencyFactor ?? 1;
    const outputTokens = Math.max(
      1,
      Math.round(rng.lognormal(profile.outputTokens.median, profile.outputTokens.sigma)),
    );
    const first = rng.lognormal(step.firstMs * factor, step.sigma);
    const ttft = latency + first;
    latency = ttft + outputTokens * step.perTokenMs * factor * rng.lognormal(1, 0.15);
    if (latency >= profile.deadlineMs)
      return failedCall(call, profile, lastModel, 'timeout', profile.deadlineMs, inputTokens);
    return {
      ...call,
      model: step.model,
      provider: step.provider,
      route: depth === 0 ? 'primary' : 'fallback',
      fallbackDepth: depth,
      latencyMs: Math.round(latency),
      ...(step.stream ? { ttftMs: Math.round(ttft) } : {}),
      inputTokens,
      outputTokens,
      cachedInputTokens: depth === 0 ? cached : 0,
    };
  }

  return failedCall(call, profile, lastModel, lastError, latency, inputTokens);
}

/** Every step failed, or the deadline passed: the application got an error. */
function failedCall(
  call: CallRecord,
  profile: FeatureProfile,
  lastModel: { step: ModelStep; depth: number } | undefined,
  errorType: ErrorType,
  latency: number,
  inputTokens: number,
): CallRecord {
  const failed = lastModel ?? { step: profile.chain[0] as ModelStep, depth: 0 };
  return {
    ...call,
    model: failed.step.model,
    provider: failed.step.provider,
    outcome: 'error',
    errorType,
    route: failed.depth === 0 ? 'primary' : 'fallback',
    fallbackDepth: failed.depth,
    latencyMs: Math.round(Math.min(latency, profile.deadlineMs)),
    inputTokens,
    outputTokens: 0,
    cachedInputTokens: 0,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
