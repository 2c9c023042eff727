import { SwitchBoard } from '@/components/switches/switch-board';
import { getDb } from '@/db';
import { readRecentTraffic } from '@/db/queries/recent-traffic';
import { requirePageUser } from '@/lib/auth/page-user';
import { roleAllows } from '@/lib/auth/roles';
import { readSwitchStates, toSwitchDocument } from '@/lib/switches/document';
import { flipSwitchAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Switches' };

const HOUR_MS = 3_600_000;

async function loadSwitches() {
  const db = await getDb();
  const now = new Date();
  const [states, health] = await Promise.all([
    readSwitchStates(db),
    readRecentTraffic(db, { environment: 'production', from: new Date(now.getTime() - HOUR_MS), to: now }),
  ]);
  return { document: toSwitchDocument(states), health, readAt: now.getTime() };
}

export default async function SwitchesPage() {
  const user = await requirePageUser();
  const { document, health, readAt } = await loadSwitches();
  return (
    <SwitchBoard initial={document} initialAt={readAt} health={health} flip={roleAllows(user.role, 'responder') ? flipSwitchAction : null} />
  );
}
