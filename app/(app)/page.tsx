import { headers } from 'next/headers';
import Link from 'next/link';
import { Suspense } from 'react';
import { OverviewLive } from '@/components/overview/overview-live';
import { OverviewSkeleton } from '@/components/overview/overview-skeleton';
import { getDatabase, readDbOf } from '@/db';
import { getOverview } from '@/lib/overview/overview';
import { requirePageUser } from '@/lib/auth/page-user';
import { replicaStatus } from '@/lib/replica/replica-status';
import { env } from '@/lib/env';
import { EnvironmentSchema } from '@/lib/validations/environment';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Overview' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser();
  const raw = (await searchParams).environment;
  const parsed = EnvironmentSchema.safeParse((Array.isArray(raw) ? raw[0] : raw) ?? 'production');
  const environment = parsed.success ? parsed.data : null;
  return (
    <section className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">Overview</h1>
        <p className="text-sm text-muted">Last 24 hours · {environment ?? 'production'}</p>
      </div>
      {environment === null ? (
        <p role="alert" className="rounded-md border border-bad bg-bad-bg p-3 text-sm text-bad">
          “{String(raw)}” is not an environment name: {parsed.error?.issues[0]?.message}{' '}
          <Link href="/" className="font-semibold underline">
            Show production
          </Link>
        </p>
      ) : (
        <Suspense fallback={<OverviewSkeleton />}>
          <OverviewData environment={environment} />
        </Suspense>
      )}
    </section>
  );
}

/** Loads on the server so the first paint has numbers; the client then keeps them fresh. */
async function OverviewData({ environment }: { environment: string }) {
  const database = await getDatabase();
  const overview = await getOverview(readDbOf(database), { now: new Date(), environment });
  return <OverviewLive initial={{ ...overview, replica: replicaStatus(database) }} origin={await publicOrigin()} />;
}

/** The address people reach this server at, for the copy-paste snippet. */
async function publicOrigin(): Promise<string> {
  if (env.NEXTAUTH_URL) return new URL(env.NEXTAUTH_URL).origin;
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto')?.split(',')[0] ?? 'http';
  return `${proto}://${host}`;
}
