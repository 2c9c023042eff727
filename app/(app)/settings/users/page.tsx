import { AdminsOnly } from '@/components/settings/admins-only';
import { CreateUserForm } from '@/components/settings/create-user-form';
import { requirePageUser } from '@/lib/auth/page-user';
import { formatWhen } from '@/lib/format/time';
import { UserList, type UserView } from '@/components/settings/user-list';
import { getDb } from '@/db';
import { listUsers } from '@/db/queries/users';
import { addUser, changeRole, setDisabled } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Users' };

async function loadUsers(myId: number): Promise<UserView[]> {
  const now = Date.now();
  return (await listUsers(await getDb())).map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: Boolean(u.disabledAt),
    created: formatWhen(u.createdAt, now),
    isSelf: u.id === myId,
  }));
}

export default async function UsersPage() {
  const me = await requirePageUser();
  if (me.role !== 'admin') return <AdminsOnly role={me.role} />;
  const users = await loadUsers(me.id);
  const active = users.filter((u) => !u.disabled).length;
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-muted">
        Viewers read, responders also flip kill switches and acknowledge alerts, admins change everything. A role change
        or a disabled account takes effect on the person&apos;s next click.
      </p>
      <section aria-labelledby="users-title" className="flex flex-col gap-3">
        <h2 id="users-title" className="text-lg font-semibold">
          Users{' '}
          <span className="text-sm font-normal text-muted">
            ({active} active, {users.length - active} disabled)
          </span>
        </h2>
        <UserList users={users} actions={{ changeRole, setDisabled }} />
      </section>
      <CreateUserForm createUser={addUser} />
    </div>
  );
}
