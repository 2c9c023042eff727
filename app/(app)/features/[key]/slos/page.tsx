import { notFound } from 'next/navigation';
import { AutoTripForm } from '@/components/slos/auto-trip-form';
import { BudgetForm } from '@/components/slos/budget-form';
import { AutoTripSummary, BudgetSummary } from '@/components/slos/read-only-settings';
import { SloList } from '@/components/slos/slo-list';
import { BackLink } from '@/components/ui/back-link';
import { CopyableSnippet } from '@/components/ui/copyable-snippet';
import type { LiveSlo } from '@/components/slos/slo-live';
import { getDb, type Db } from '@/db';
import { readSloDocument } from '@/db/queries/slo-definitions';
import { deleteSlo, previewSlo, saveAutoTrip, saveBudgets, saveSlo } from './actions';
import { requirePageUser } from '@/lib/auth/page-user';
import { featureKeyOf } from '@/lib/features/key-param';
import { readHealthJson } from '@/lib/status/read-health';

export const dynamic = 'force-dynamic';

type Params = Promise<{ key: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  return { title: `SLOs · ${featureKeyOf((await params).key)}` };
}

/** Each SLO now, by name: the health API's answer, so both show the same numbers. */
async function readLiveSlos(db: Db, key: string): Promise<Record<string, LiveSlo>> {
  const health = await readHealthJson(db, key);
  return Object.fromEntries((health?.slos ?? []).map((slo) => [slo.name, slo]));
}

export default async function FeatureSlosPage({ params }: { params: Params }) {
  const key = featureKeyOf((await params).key);
  const db = await getDb();
  const [found, user, live] = await Promise.all([readSloDocument(db, key), requirePageUser(), readLiveSlos(db, key)]);
  if (!found) notFound();
  const { feature, document } = found;
  const canEdit = user?.role === 'admin';
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-1">
        <BackLink href="/">Overview</BackLink>
        <h1 className="text-2xl font-semibold break-words">
          {feature.name ?? <span className="font-mono">{feature.key}</span>}{' '}
          <span className="text-muted">· SLOs and budgets</span>
        </h1>
        {feature.name ? <p className="font-mono text-sm text-muted">{feature.key}</p> : null}
        {canEdit ? null : (
          <p className="text-sm text-muted">
            Only admins can change SLOs and budgets; you are signed in as a {user.role}.
          </p>
        )}
      </header>

      <section aria-labelledby="slos-title" className="flex flex-col gap-3">
        <h2 id="slos-title" className="text-lg font-semibold">
          SLOs
        </h2>
        <SloList
          featureKey={feature.key}
          slos={document.slos}
          live={live}
          canEdit={canEdit}
          saveSlo={saveSlo}
          deleteSlo={deleteSlo}
          previewSlo={previewSlo}
        />
      </section>

      <section aria-labelledby="budget-title" className="flex flex-col gap-3">
        <h2 id="budget-title" className="text-lg font-semibold">
          Cost budget
        </h2>
        {canEdit ? (
          <BudgetForm featureKey={feature.key} budgets={document.budgets} saveBudgets={saveBudgets} />
        ) : (
          <BudgetSummary budgets={document.budgets} />
        )}
      </section>

      <section aria-labelledby="trip-title" className="flex flex-col gap-3">
        <h2 id="trip-title" className="text-lg font-semibold">
          Auto-trip
        </h2>
        {canEdit ? (
          <AutoTripForm featureKey={feature.key} autoTrip={document.autoTrip} saveAutoTrip={saveAutoTrip} />
        ) : (
          <AutoTripSummary autoTrip={document.autoTrip} />
        )}
      </section>

      <section aria-labelledby="code-title" className="flex flex-col gap-2 text-sm text-muted">
        <h2 id="code-title" className="text-lg font-semibold text-text">
          As code
        </h2>
        <p>
          The same definitions as a file you can keep in git: write them out, edit, then apply them (a key with the
          config:write scope). Changes from here, the API and the CLI all land in the audit log.
        </p>
        <CopyableSnippet
          caption="Write them to a file"
          text={`npx switchboard slo get ${feature.key} > ${feature.key}.slo.yaml`}
          wrap
        />
        <CopyableSnippet
          caption="Apply the edited file"
          text={`npx switchboard slo apply ${feature.key}.slo.yaml`}
          wrap
        />
      </section>
    </div>
  );
}
