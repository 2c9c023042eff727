import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { getDb } from '@/db';
import { countUsers } from '@/db/queries/users';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if ((await countUsers(await getDb())) === 0) redirect('/setup');
  const { callbackUrl } = await searchParams;
  return <LoginForm callbackUrl={sameSitePath(callbackUrl)} />;
}

/**
 * Only a path on this site: a crafted link must not bounce a user elsewhere after signing in.
 * Browsers read `//host` and `/\host` as another host.
 */
function sameSitePath(url: string | undefined): string {
  return url && /^\/(?![/\\])/.test(url) ? url : '/';
}
