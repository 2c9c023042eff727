// The story the demo month tells, with times relative to "now": a gpt-4o outage during which
// on-call killed and later restored support-agent, a summarizer release that sent whole threads
// with attachments and made it five times as expensive for a day, rate limits on moderation right
// now, and a support-agent prompt release that the feature owner killed less than an hour ago.
import type { ErrorType } from '@/lib/sdk/types';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@/lib/time/units';

export interface SwitchEvent {
  feature: string;
  at: Date;
  killed: boolean;
  reason: string;
  actorLabel: string;
}

export interface Incident {
  feature: string;
  from: Date;
  to: Date;
  environments: string[];
  primaryFail?: number;
  fallbackFail?: number;
  errorMix?: readonly (readonly [ErrorType, number])[];
  latencyFactor?: number;
  inputTokenFactor?: number;
  /** The new prompt no longer shares a prefix with the cached one. */
  promptCacheMiss?: boolean;
  /** Quality of answers (share of good scores / mean judge score) while it lasts. */
  scoreGood?: number;
}

export interface Scenario {
  now: Date;
  outage: { feature: string; from: Date; to: Date; killedAt: Date; restoredAt: Date };
  costSpike: { feature: string; from: Date; to: Date; release: string };
  currentKill: { feature: string; at: Date; reason: string };
  incidents: Incident[];
  /** Releases that the incidents brought, added to each feature's ordinary release train. */
  extraReleases: { feature: string; name: string; at: Date }[];
  switchEvents: SwitchEvent[];
}

const ONCALL = 'priya.natarajan@demo.switchboard.local';
const OWNER = 'marco.silva@demo.switchboard.local';

export function buildScenario(now: Date): Scenario {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const at = (daysAgo: number, hh: number, mm: number) =>
    new Date(today - daysAgo * DAY_MS + hh * HOUR_MS + mm * MINUTE_MS);

  const outage = {
    feature: 'support-agent',
    from: at(3, 14, 10),
    to: at(3, 14, 50),
    killedAt: at(3, 14, 34),
    restoredAt: at(3, 14, 58),
  };
  const costSpike = { feature: 'summarizer', from: at(9, 7, 40), to: at(8, 6, 10), release: 'summarizer-v14' };
  const badRelease = new Date(now.getTime() - 6 * HOUR_MS);
  const currentKill = {
    feature: 'support-agent',
    at: new Date(now.getTime() - 50 * MINUTE_MS),
    reason:
      'prompt-v15 promises refunds that our policy does not offer (INC-4127). Killed until the rollback ships; the FAQ cache and human handoff serve meanwhile.',
  };

  return {
    now,
    outage,
    costSpike,
    currentKill,
    incidents: [
      {
        feature: outage.feature,
        from: outage.from,
        to: outage.to,
        environments: ['production', 'staging'],
        primaryFail: 0.85,
        fallbackFail: 0.35,
        errorMix: [
          ['timeout', 0.6],
          ['server_error', 0.4],
        ],
        latencyFactor: 1.6,
      },
      {
        feature: costSpike.feature,
        from: costSpike.from,
        to: costSpike.to,
        environments: ['production'],
        inputTokenFactor: 4.5,
        promptCacheMiss: true,
      },
      {
        feature: 'moderation',
        from: new Date(now.getTime() - 9 * HOUR_MS),
        to: now,
        environments: ['production'],
        primaryFail: 0.6,
        fallbackFail: 0.15,
        errorMix: [['rate_limit', 1]],
      },
      {
        feature: currentKill.feature,
        from: badRelease,
        to: now,
        environments: ['production', 'staging'],
        scoreGood: 0.52,
      },
    ],
    extraReleases: [
      { feature: costSpike.feature, name: costSpike.release, at: costSpike.from },
      { feature: costSpike.feature, name: 'summarizer-v13', at: costSpike.to },
      { feature: currentKill.feature, name: 'prompt-v15', at: badRelease },
    ],
    switchEvents: [
      {
        feature: outage.feature,
        at: outage.killedAt,
        killed: true,
        reason:
          'gpt-4o timing out and answering 503; the gpt-4o-mini fallback is failing too. Serving the FAQ cache and human handoff until OpenAI recovers.',
        actorLabel: ONCALL,
      },
      {
        feature: outage.feature,
        at: outage.restoredAt,
        killed: false,
        reason: 'OpenAI status green since 14:51 UTC and test calls succeed. Restoring.',
        actorLabel: ONCALL,
      },
      { feature: currentKill.feature, at: currentKill.at, killed: true, reason: currentKill.reason, actorLabel: OWNER },
    ],
  };
}

/** Whether the feature's switch was on at `ts`, from the switch history. */
export function killedAt(scenario: Scenario, feature: string, ts: number): boolean {
  let killed = false;
  for (const event of scenario.switchEvents) {
    if (event.feature === feature && event.at.getTime() <= ts) killed = event.killed;
  }
  return killed;
}
