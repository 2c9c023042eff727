// Flipping a kill switch: the one path every caller (dashboard, API, CLI, policies) goes through.
import type { Db } from '@/db';
import type { Actor } from '@/db/queries/audit';
import { flipSwitchRow } from '@/db/queries/switches';
import { notFound, validationError } from '@/lib/api/errors';
import { FlipSwitchInputSchema, type FlipSwitchInput } from '@/lib/validations/switch';
import { SWITCH_CHANNEL, toSwitchState, type VersionedSwitchState } from './document';

/** Held for the length of a flip's transaction, so flips commit in the order of their versions. */
const FLIP_LOCK = 727_101;

export interface FlipResult {
  /** False when the switch already was in the asked state: nothing was written or announced. */
  changed: boolean;
  state: VersionedSwitchState;
}

/**
 * Sets a feature's switch and, in the same transaction, appends the audit entry and announces
 * the new state on the NOTIFY channel (Postgres delivers it only if the transaction commits).
 *
 * One statement, one round trip: the function of migration 0009 does all of it, because a flip
 * must stay fast while ingestion keeps the server busy (docs/performance.md). All flips take one
 * transaction-scoped advisory lock before they take their version. Flips are rare, and the lock
 * buys an invariant the stream and the SDK rely on: a reader that sees version n also sees every
 * flip numbered below n.
 *
 * Asking for the state a switch already has (say, two responders killing the same feature at
 * once) changes nothing: no new version, no audit entry, no event; the current state comes
 * back with `changed: false`. The reason of the first flip stays.
 */
export async function flipSwitch(db: Db, input: FlipSwitchInput, actor: Actor): Promise<FlipResult> {
  const parsed = FlipSwitchInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { featureKey, killed, reason } = parsed.data;
  const row = await flipSwitchRow(db, { featureKey, killed, reason, actor, channel: SWITCH_CHANNEL, lock: FLIP_LOCK });
  if (!row) throw notFound(`There is no feature "${featureKey}". Features appear when their first call arrives.`);
  const { changed, ...state } = row;
  return { changed, state: toSwitchState(state) };
}
