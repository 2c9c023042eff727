import { AdminsOnly } from '@/components/settings/admins-only';
import { ApiKeyList, type ApiKeyView } from '@/components/settings/api-key-list';
import { CreateKeyForm } from '@/components/settings/create-key-form';
import { requirePageUser } from '@/lib/auth/page-user';
import { formatWhen } from '@/lib/format/time';
import { getDb } from '@/db';
import { listApiKeys } from '@/db/queries/api-keys';
import { createKey, revokeKey } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'API keys' };

async function loadKeys(): Promise<ApiKeyView[]> {
  const now = Date.now();
  return (await listApiKeys(await getDb())).map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    created: formatWhen(k.createdAt, now),
    lastUsed: formatWhen(k.lastUsedAt, now),
    revoked: k.revokedAt ? formatWhen(k.revokedAt, now) : null,
  }));
}

export default async function ApiKeysPage() {
  const user = await requirePageUser();
  if (user.role !== 'admin') return <AdminsOnly role={user.role} />;
  const keys = await loadKeys();
  const live = keys.filter((k) => !k.revoked).length;
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-muted">
        Applications, the SDK and CI authenticate with API keys, sent as{' '}
        <code className="font-mono text-text">Authorization: Bearer &lt;key&gt;</code>. Keys are shown once and stored
        only as a hash.
      </p>
      <CreateKeyForm createKey={createKey} />
      <section aria-labelledby="keys-title" className="flex flex-col gap-3">
        <h2 id="keys-title" className="text-lg font-semibold">
          Keys{' '}
          <span className="text-sm font-normal text-muted">
            ({live} active, {keys.length - live} revoked)
          </span>
        </h2>
        <ApiKeyList keys={keys} revokeKey={revokeKey} />
      </section>
    </div>
  );
}
