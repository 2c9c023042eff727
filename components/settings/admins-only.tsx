import { ShieldAlert } from 'lucide-react';

/** What a viewer or responder sees on an admin page: why, and whom to ask. */
export function AdminsOnly({ role }: { role?: string }) {
  return (
    <div role="status" className="flex gap-3 rounded-lg border border-border bg-panel p-4">
      <ShieldAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-warn" />
      <div>
        <h2 className="font-semibold">Admins only</h2>
        <p className="mt-1 text-sm text-muted">
          Settings can be viewed and changed by admins only{role ? `; you are signed in as a ${role}` : ''}. Ask an
          admin of this Switchboard to change your role or to make the change for you.
        </p>
      </div>
    </div>
  );
}
