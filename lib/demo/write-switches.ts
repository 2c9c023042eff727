// Writes the demo's switch history: audit entries at the times they happened, and each switch's
// final state, in the shape flipSwitch records. Written directly because the audit log keeps the time of the flip, not of the seed.
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { auditLog, features, killSwitches } from '@/db/schema';
import type { SwitchEvent } from './scenario';

export async function writeSwitchHistory(db: Db, events: SwitchEvent[]): Promise<void> {
  const rows = await db.select({ id: features.id, key: features.key }).from(features);
  const featureId = new Map(rows.map((r) => [r.key, r.id]));
  const last = new Map<string, SwitchEvent>();
  const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const event of ordered) {
    const before = last.get(event.feature);
    await db.insert(auditLog).values({
      at: event.at,
      actor: 'system',
      actorLabel: event.actorLabel,
      action: 'switch.flip',
      targetType: 'switch',
      targetId: event.feature,
      before: { killed: before?.killed ?? false, reason: before?.reason ?? null },
      after: { killed: event.killed, reason: event.reason },
      reason: event.reason,
    });
    last.set(event.feature, event);
  }
  for (const [feature, event] of last) {
    const id = featureId.get(feature);
    if (id === undefined) continue;
    await db
      .insert(killSwitches)
      .values({
        featureId: id,
        killed: event.killed,
        reason: event.reason,
        version: sql`nextval('switch_version_seq')`,
        updatedAt: event.at,
        updatedBy: event.actorLabel,
      })
      .onConflictDoNothing();
  }
}
