'use client';

import { CircleCheck, CircleSlash } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { ItemRow } from '@/components/ui/item-row';
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
        <ItemRow
          key={user.id}
          dimmed={user.disabled}
          heading={
            <>
              <h3 className="font-semibold break-all">{user.email}</h3>
              {user.isSelf ? <span className="text-xs text-muted">(you)</span> : null}
              <UserState disabled={user.disabled} />
            </>
          }
          // Keyed by the server's state so that local edits reset when it changes.
          controls={<UserControls key={`${user.role}-${user.disabled}`} user={user} actions={actions} />}
        >
          {user.name ? <p className="text-sm text-muted">{user.name}</p> : null}
          <p className="text-xs text-muted tabular">Added {user.created}</p>
        </ItemRow>
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
