'use client';

import { Ban, CircleCheck } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ItemRow } from '@/components/ui/item-row';
import type { ActionResult } from '@/lib/actions';

/** A key as the list shows it; times already formatted on the server. */
export interface ApiKeyView {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  created: string;
  lastUsed: string;
  revoked: string | null;
}

export function ApiKeyList({
  keys,
  revokeKey,
}: {
  keys: ApiKeyView[];
  revokeKey: (input: unknown) => Promise<ActionResult<{ id: number }>>;
}) {
  if (!keys.length) {
    return (
      <p className="rounded-lg border border-dashed border-border p-4 text-sm text-muted">
        No API keys yet. Create one for each application that sends calls or reads kill switches, and one for CI.
      </p>
    );
  }
  // Live keys first: they are the ones that matter during an incident.
  const sorted = [...keys].sort((a, b) => Number(Boolean(a.revoked)) - Number(Boolean(b.revoked)));
  return (
    <ul className="flex flex-col gap-2">
      {sorted.map((key) => (
        <ItemRow
          key={key.id}
          dimmed={Boolean(key.revoked)}
          heading={
            <>
              <h3 className="font-semibold break-words">{key.name}</h3>
              <KeyState revoked={Boolean(key.revoked)} />
            </>
          }
          controls={key.revoked ? null : <RevokeKeyButton apiKey={key} revokeKey={revokeKey} />}
        >
          <p className="font-mono text-sm text-muted">{key.prefix}…</p>
          <ul aria-label="Scopes" className="mt-2 flex flex-wrap gap-1">
            {key.scopes.map((scope) => (
              <li key={scope} className="rounded border border-border px-1.5 py-0.5 font-mono text-xs">
                {scope}
              </li>
            ))}
          </ul>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-muted">
            <dt>Created</dt>
            <dd className="tabular">{key.created}</dd>
            <dt>Last used</dt>
            <dd className="tabular">{key.lastUsed}</dd>
            {key.revoked ? (
              <>
                <dt>Revoked</dt>
                <dd className="tabular">{key.revoked}</dd>
              </>
            ) : null}
          </dl>
        </ItemRow>
      ))}
    </ul>
  );
}

function KeyState({ revoked }: { revoked: boolean }) {
  return revoked ? (
    <Badge tone="bad" icon={Ban}>
      Revoked
    </Badge>
  ) : (
    <Badge tone="ok" icon={CircleCheck}>
      Active
    </Badge>
  );
}

function RevokeKeyButton({
  apiKey,
  revokeKey,
}: {
  apiKey: ApiKeyView;
  revokeKey: (input: unknown) => Promise<ActionResult<{ id: number }>>;
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" aria-label={`Revoke ${apiKey.name}`} className="self-start sm:self-center">
          <Ban aria-hidden className="size-4 text-bad" />
          Revoke…
        </Button>
      }
      title={`Revoke the key “${apiKey.name}”?`}
      description={
        <>
          Every request with <span className="font-mono">{apiKey.prefix}…</span> is refused with 401 from now on. This
          cannot be undone: the application needs a new key.
        </>
      }
      confirmLabel="Revoke key"
      onConfirm={() => revokeKey({ id: apiKey.id })}
      unreachable="Could not reach Switchboard; the key is still active. Try again."
    />
  );
}
