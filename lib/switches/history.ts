// A switch's audit trail, as the switches page and the API show it.
import type { Db } from '@/db';
import { listAudit } from '@/db/queries/audit';

export interface SwitchHistoryEntry {
  id: number;
  at: string;
  /** Who flipped it: an e-mail, `key <name>`, the CLI or a policy. */
  by: string;
  from: { killed: boolean; reason: string | null };
  to: { killed: boolean; reason: string | null };
  reason: string | null;
}

export const HISTORY_LIMIT = 20;

type SwitchSide = { killed?: unknown; reason?: unknown } | null;

function side(value: unknown): { killed: boolean; reason: string | null } {
  const v = value as SwitchSide;
  return { killed: v?.killed === true, reason: typeof v?.reason === 'string' ? v.reason : null };
}

/** The most recent flips of one feature's switch, newest first. */
export async function readSwitchHistory(
  db: Db,
  featureKey: string,
  limit = HISTORY_LIMIT,
): Promise<SwitchHistoryEntry[]> {
  const rows = await listAudit(db, { targetType: 'switch', targetId: featureKey, limit });
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    by: row.actorLabel,
    from: side(row.before),
    to: side(row.after),
    reason: row.reason,
  }));
}
