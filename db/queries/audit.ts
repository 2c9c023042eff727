import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog } from '../schema';

/** Who did something: a signed-in user, an API key, the CLI, a policy. */
export interface Actor {
  id: string;
  label: string;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export async function appendAudit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actor: actor.id,
    actorLabel: actor.label,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
  });
}

export async function listAudit(db: Db, filter: { targetType: string; targetId?: string; limit?: number }) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.targetType, filter.targetType),
        filter.targetId ? eq(auditLog.targetId, filter.targetId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit ?? 50);
}
