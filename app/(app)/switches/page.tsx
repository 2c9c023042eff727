import { SwitchBoard } from '@/components/switches/switch-board';
import { getDb } from '@/db';
import { requirePageUser } from '@/lib/auth/page-user';
import { roleAllows } from '@/lib/auth/roles';
import { readCurrentStatuses } from '@/lib/status/current-status';
import { readSwitchStates, toSwitchDocument } from '@/lib/switches/document';
import { readRecentTraffic } from '@/lib/switches/recent-traffic';
import { HOUR_MS } from '@/lib/time/units';
import { flipSwitchAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Switches' };

async function loadSwitches() {
  const db = await getDb();
  const now = new Date();
  const [states, health, statuses] = await Promise.all([
    readSwitchStates(db),
    readRecentTraffic(db, { environment: 'production', from: new Date(now.getTime() - HOUR_MS), to: now }),
    readCurrentStatuses(db, { now, environment: 'production' }),
  ]);
  return { document: toSwitchDocument(states), health, statuses: Object.fromEntries(statuses), readAt: now.getTime() };
}

export default async function SwitchesPage() {
  const user = await requirePageUser();
  const { document, health, statuses, readAt } = await loadSwitches();
  return (
    <SwitchBoard
      initial={document}
      initialAt={readAt}
      health={health}
      statuses={statuses}
      flip={roleAllows(user.role, 'responder') ? flipSwitchAction : null}
    />
  );
}
