// A call to a trigger URL (POST /api/v1/triggers/{secret}): find the trigger by its secret's hash,
// read the alert, and kill or restore the feature's switch through flipSwitch, with the trigger as
// the actor (`trigger:<name>` in the audit log) and the alert's name and summary as the reason.
// Uses that flip nothing (already in that state, a resolve it does not act on) are audited too.
import type { Db } from '@/db';
import { appendAudit, type Actor } from '@/db/queries/audit';
import { findSwitch } from '@/db/queries/switches';
import { findTriggerBySecretHash, markTriggerUsed, type TriggerRow } from '@/db/queries/triggers';
import { ApiError, notFound } from '@/lib/api/errors';
import { TokenBuckets } from '@/lib/ingest/rate-limit';
import { flipSwitch } from '@/lib/switches/flip-switch';
import { parseTriggerBody, type TriggerEvent } from './alert-body';
import { hashTriggerSecret } from './secret';

/** Calls per trigger: a burst of 10, then one a second (an alerting system re-sends, it does not storm). */
const perTrigger = new TokenBuckets(1, 10);

export type TriggerOutcome = 'killed' | 'restored' | 'unchanged' | 'ignored';

export interface TriggerResult {
  trigger: string;
  feature: string;
  event: TriggerEvent['status'];
  source: TriggerEvent['source'];
  outcome: TriggerOutcome;
  /** Why nothing changed, when nothing did. */
  note?: string;
  killed: boolean;
}

export const triggerActor = (t: Pick<TriggerRow, 'id' | 'name'>): Actor => ({
  id: `trigger:${t.id}`,
  label: `trigger:${t.name}`,
});

/**
 * Finds the enabled trigger of `secret`. Every secret costs the same: one hash, one indexed
 * lookup; an unknown secret and a disabled trigger both answer 404.
 */
export async function findTriggerBySecret(db: Db, secret: string): Promise<TriggerRow> {
  const trigger = await findTriggerBySecretHash(db, hashTriggerSecret(secret));
  if (!trigger || !trigger.enabled) throw notFound('There is no trigger at this URL.');
  return trigger;
}

export async function fireTrigger(
  db: Db,
  trigger: TriggerRow,
  body: unknown,
  now = new Date(),
): Promise<TriggerResult> {
  const limited = perTrigger.take(trigger.id, now.getTime());
  if (!limited.ok) {
    throw new ApiError(429, 'rate_limited', 'This trigger was called too often; try again shortly.', undefined, {
      'Retry-After': String(limited.retryAfterSeconds),
    });
  }
  const event = parseTriggerBody(body, trigger.name);
  const actor = triggerActor(trigger);
  const decision = await decide(db, trigger, event);
  await markTriggerUsed(db, trigger.id, now);
  const base = { trigger: trigger.name, feature: trigger.feature, event: event.status, source: event.source };
  if ('ignore' in decision) {
    await auditUse(db, actor, trigger, event, decision.ignore);
    return { ...base, outcome: 'ignored', note: decision.ignore, killed: decision.killed };
  }
  const { changed, state } = await flipSwitch(
    db,
    { featureKey: trigger.feature, killed: decision.kill, reason: event.reason },
    actor,
  );
  if (!changed) {
    const note = `the switch already was ${state.killed ? 'killed' : 'live'}`;
    await auditUse(db, actor, trigger, event, note);
    return { ...base, outcome: 'unchanged', note, killed: state.killed };
  }
  return { ...base, outcome: decision.kill ? 'killed' : 'restored', killed: state.killed };
}

/**
 * Firing runs the action. Resolved restores only for a kill trigger with restoreOnResolve, and
 * only while the switch is killed by this trigger: a person who killed it since keeps it killed.
 */
async function decide(
  db: Db,
  trigger: TriggerRow,
  event: TriggerEvent,
): Promise<{ kill: boolean } | { ignore: string; killed: boolean }> {
  if (event.status === 'firing') return { kill: trigger.action === 'kill' };
  const current = await findSwitch(db, trigger.feature);
  const killed = current?.killed ?? false;
  if (trigger.action !== 'kill' || !trigger.restoreOnResolve)
    return { ignore: 'a resolved alert does nothing without restoreOnResolve', killed };
  if (!killed) return { ignore: 'the switch is not killed', killed };
  if (current?.updatedBy !== triggerActor(trigger).label)
    return {
      ignore: `the switch was last flipped by ${current?.updatedBy ?? 'someone else'}, not this trigger`,
      killed,
    };
  return { kill: false };
}

function auditUse(db: Db, actor: Actor, trigger: TriggerRow, event: TriggerEvent, note: string): Promise<void> {
  return appendAudit(db, actor, {
    action: 'trigger.call',
    targetType: 'switch',
    targetId: trigger.feature,
    after: {
      trigger: trigger.name,
      source: event.source,
      event: event.status,
      alerts: event.alertCount,
      reason: event.reason,
      outcome: note,
    },
  });
}
