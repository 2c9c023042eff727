// A responder says "I am on it": recorded once on the alert and in the audit log.
import type { Db } from '@/db';
import { findAlert, setAlertAcknowledged } from '@/db/queries/alerts';
import { appendAudit, type Actor } from '@/db/queries/audit';
import type { AlertRow } from '@/lib/alerts/alert-row';
import { ApiError, notFound } from '@/lib/api/errors';

/**
 * Acknowledges a firing alert. A second acknowledgement changes nothing (`changed: false`, the
 * first person stays); a resolved alert cannot be acknowledged (409).
 */
export async function acknowledgeAlert(
  db: Db,
  id: number,
  actor: Actor,
  now = new Date(),
): Promise<{ changed: boolean; alert: AlertRow }> {
  return db.transaction(async (tx) => {
    const alert = await findAlert(tx, id);
    if (!alert) throw notFound(`There is no alert with id ${id}.`);
    if (alert.state !== 'firing')
      throw new ApiError(409, 'conflict', `Alert ${id} is already resolved; there is nothing to acknowledge.`);
    const changed = await setAlertAcknowledged(tx, id, actor.label, now);
    if (changed) {
      await appendAudit(tx, actor, {
        action: 'alert.acknowledge',
        targetType: 'alert',
        targetId: String(id),
        before: { acknowledgedBy: null },
        after: { acknowledgedBy: actor.label, feature: alert.feature, fingerprint: alert.fingerprint },
      });
    }
    return { changed, alert: (await findAlert(tx, id))! };
  });
}
