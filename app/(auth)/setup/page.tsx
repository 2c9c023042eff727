import { redirect } from 'next/navigation';
import { SetupForm } from '@/components/auth/setup-form';
import { getDb } from '@/db';
import { countUsers } from '@/db/queries/users';
import { createFirstAdmin } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Set up' };

/** One-time page: creates the first admin while the instance has no users, then never again. */
export default async function SetupPage() {
  if ((await countUsers(await getDb())) > 0) redirect('/login');
  return <SetupForm createFirstAdmin={createFirstAdmin} />;
}
