'use client';

import { CircleCheck, CircleSlash } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import type { ActionResult } from '@/lib/actions';
import type { Role } from '@/lib/auth/roles';
import { UserControls } from './user-controls';

/** A user as the list shows it; times already formatted on the server. */
export interface UserView {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  created: string;
  isSelf: boolean;
}

export type UserActions = {
  changeRole: (input: unknown) => Promise<ActionResult<unknown>>;
  setDisabled: (input: unknown) => Promise<ActionResult<unknown>>;
};

export function UserList({ users, actions }: { users: UserView[]; actions: UserActions }) {
  return (
    <ul className="flex flex-col gap-2">
      {users.map((user) => (
        <li
          key={user.id}
          className={`flex flex-col gap-3 rounded-lg border border-border bg-panel p-4 sm:flex-row sm:items-center ${user.disabled ? 'opacity-75' : ''}`}
        >
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <h3 className="font-semibold break-all">{user.email}</h3>
              {user.isSelf ? <span className="text-xs text-muted">(you)</span> : null}
              <UserState disabled={user.disabled} />
            </div>
            {user.name ? <p className="text-sm text-muted">{user.name}</p> : null}
            <p className="text-xs text-muted tabular">Added {user.created}</p>
          </div>
          {/* Keyed by the server's state so that local edits reset when it changes. */}
          <UserControls key={`${user.role}-${user.disabled}`} user={user} actions={actions} />
        </li>
      ))}
    </ul>
  );
}

function UserState({ disabled }: { disabled: boolean }) {
  return disabled ? (
    <Badge tone="bad" icon={CircleSlash}>
      Disabled
    </Badge>
  ) : (
    <Badge tone="ok" icon={CircleCheck}>
      Active
    </Badge>
  );
}
