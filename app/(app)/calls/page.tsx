import Link from 'next/link';
import { CallsExplorer } from '@/components/calls/calls-explorer';
import { CallsFilters } from '@/components/calls/calls-filters';
import { getReadDb } from '@/db';
import { listFeatureKeys } from '@/db/queries/features';
import { zodFieldErrors } from '@/lib/api/errors';
import { requirePageUser } from '@/lib/auth/page-user';
import { getRetentionDays } from '@/lib/calls/retention';
import { formatUtc } from '@/lib/format/time';
import { CallsQuerySchema, FILTER_FIELDS, searchParamsInput } from '@/lib/validations/calls-query';
import { DAY_MS } from '@/lib/time/units';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Calls' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CallsPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser();
  const { call, ...params } = await searchParams;
  const input = searchParamsInput(params);
  const parsed = CallsQuerySchema.safeParse(input);
  const db = await getReadDb();
  const [features, retentionDays] = await Promise.all([listFeatureKeys(db), getRetentionDays(db)]);
  // Only the filters, as written in the URL: the list asks the API with exactly these.
  const filters = Object.fromEntries(
    FILTER_FIELDS.filter((f) => typeof input[f] === 'string' && input[f]).map((f) => [f, input[f] as string]),
  );
  const selected = typeof call === 'string' && /^[0-9a-fA-F-]{36}$/.test(call) ? call : null;
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Calls</h1>
      <CallsFilters key={JSON.stringify(filters)} values={filters} features={features} />
      {parsed.success ? (
        <CallsExplorer
          filters={filters}
          selected={selected}
          retentionDays={retentionDays}
          weekAgo={new Date(parsed.data.to.getTime() - 7 * DAY_MS).toISOString().slice(0, 16)}
          windowText={`${formatUtc(parsed.data.from)} → ${input.to ? formatUtc(parsed.data.to) : 'now'} · ${parsed.data.environment}`}
        />
      ) : (
        <div role="alert" className="rounded-md border border-bad bg-bad-bg p-3 text-sm text-bad">
          <p className="font-semibold">These filters are not valid:</p>
          <ul className="list-disc pl-5">
            {Object.entries(zodFieldErrors(parsed.error)).map(([field, messages]) => (
              <li key={field}>
                {field === '_' ? '' : `${field}: `}
                {messages.join(' ')}
              </li>
            ))}
          </ul>
          <Link href="/calls" className="font-semibold underline">
            Show the last 24 hours
          </Link>
        </div>
      )}
    </section>
  );
}
