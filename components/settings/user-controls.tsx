'use client';

import { UserX } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { inputClass } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/actions';
import { ROLES, type Role } from '@/lib/auth/roles';
import type { UserActions, UserView } from './user-list';

const UNREACHABLE = 'Could not reach Switchboard; nothing was changed. Try again.';

/** Role and enabled state of one user. Shows the state the server confirmed, never a guess. */
export function UserControls({ user, actions }: { user: UserView; actions: UserActions }) {
  // One change at a time, whichever it is: its call is the input.
  const { run, pending, error } = useAction((call: () => Promise<ActionResult<unknown>>) => call(), UNREACHABLE);
  // Which change is in flight; read only while `pending`.
  const [kind, setKind] = useState<'role' | 'enable'>('role');
  // The role asked for while the server has not answered; the list re-keys on success.
  const [requestedRole, setRequestedRole] = useState<Role | null>(null);

  async function change(which: 'role' | 'enable', call: () => Promise<ActionResult<unknown>>) {
    setKind(which);
    if (!(await run(call)).ok) setRequestedRole(null);
  }

  const selectId = `role-${user.id}`;
  return (
    <div className="flex flex-col gap-2 sm:items-end">
      <div className="flex flex-wrap items-end gap-2 sm:flex-nowrap">
        <div className="flex flex-col gap-1">
          <label htmlFor={selectId} className="text-xs font-medium text-muted">
            Role
          </label>
          <select
            id={selectId}
            aria-label={`Role of ${user.email}`}
            value={requestedRole ?? user.role}
            disabled={pending}
            onChange={(e) => {
              const role = e.target.value as Role;
              setRequestedRole(role);
              change('role', () => actions.changeRole({ userId: user.id, role }));
            }}
            className={`${inputClass} w-40 capitalize`}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        {user.disabled ? (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() => change('enable', () => actions.setDisabled({ userId: user.id, disabled: false }))}
          >
            {pending && kind === 'enable' ? 'Enabling…' : 'Enable'}
          </Button>
        ) : user.isSelf ? null : (
          <ConfirmDialog
            trigger={
              <Button variant="secondary" disabled={pending} aria-label={`Disable ${user.email}`}>
                <UserX aria-hidden className="size-4 text-bad" />
                Disable…
              </Button>
            }
            title={`Disable ${user.email}?`}
            description="They are signed out at once and cannot sign in until an admin enables them again. Their history stays."
            confirmLabel="Disable user"
            onConfirm={() => actions.setDisabled({ userId: user.id, disabled: true })}
            unreachable={UNREACHABLE}
          />
        )}
        {pending && kind === 'role' ? (
          <span className="min-h-11 content-center text-sm text-muted">Saving role…</span>
        ) : null}
      </div>
      <FormError error={error} className="sm:max-w-72 sm:text-right" />
    </div>
  );
}
