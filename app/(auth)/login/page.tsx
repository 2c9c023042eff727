import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { getDb } from '@/db';
import { countUsers } from '@/db/queries/users';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if ((await countUsers(await getDb())) === 0) redirect('/setup');
  const { callbackUrl } = await searchParams;
  // Only same-site paths: a crafted link must not bounce a signed-in user elsewhere.
  const next = callbackUrl?.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/';
  return <LoginForm callbackUrl={next} />;
}
