import { SwitchBoard } from '@/components/switches/switch-board';
import { getDb } from '@/db';
import { requireUser } from '@/lib/auth/guard';
import { roleAllows } from '@/lib/auth/roles';
import { readSwitchStates, toSwitchDocument } from '@/lib/switches/document';
import { flipSwitchAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Switches' };

async function loadSwitches() {
  const document = toSwitchDocument(await readSwitchStates(await getDb()));
  return { document, readAt: Date.now() };
}

export default async function SwitchesPage() {
  const user = await requireUser('viewer');
  const { document, readAt } = await loadSwitches();
  return (
    <SwitchBoard initial={document} initialAt={readAt} flip={roleAllows(user.role, 'responder') ? flipSwitchAction : null} />
  );
}
