import { redirect } from 'next/navigation';
import { requirePageUser } from '@/lib/auth/page-user';

export default async function SettingsPage() {
  await requirePageUser();
  redirect('/settings/keys');
}
