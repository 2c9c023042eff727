'use client';

// One flag trigger: what it does, when it was last called, and (for admins) rotate, disable and delete.
import { CirclePause } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useAction } from '@/components/ui/use-action';
import { formatUtc } from '@/lib/format/time';
import type { NewTriggerUrl, TriggerActions, TriggerView } from './types';

interface Props {
  featureKey: string;
  trigger: TriggerView;
  actions: TriggerActions | null;
  onChanged: (url?: NewTriggerUrl) => void;
}

const UNREACHABLE = 'Switchboard did not answer; nothing was changed. Try again.';

export function TriggerRow({ featureKey, trigger: t, actions, onChanged }: Props) {
  const rotate = useAction(actions?.rotate ?? noAction, UNREACHABLE);
  const setEnabled = useAction(actions?.setEnabled ?? noAction, UNREACHABLE);
  const remove = useAction(actions?.remove ?? noAction, UNREACHABLE);
  const [confirming, setConfirming] = useState(false);
  const ref = { feature: featureKey, id: t.id };
  const pending = rotate.pending || setEnabled.pending || remove.pending;
  const error = rotate.error ?? setEnabled.error ?? remove.error;

  return (
    <li className="flex flex-col gap-2 p-3 text-sm" data-testid={`trigger-${t.name}`}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="font-semibold">{t.name}</span>
        <span>{t.action === 'kill' ? 'kills the switch' : 'restores the switch'}</span>
        {t.restoreOnResolve ? <span className="text-muted">· restores when the alert resolves</span> : null}
        {t.enabled ? null : (
          <Badge tone="neutral" icon={CirclePause}>
            disabled
          </Badge>
        )}
      </div>
      <p className="tabular text-xs text-muted">
        URL ending …{t.secretHint} ·{' '}
        {t.lastUsedAt ? `last called ${formatUtc(new Date(t.lastUsedAt))}` : 'never called'}
      </p>
      {actions ? (
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            disabled={pending}
            onClick={async () => {
              const result = await rotate.run(ref);
              if (result.ok) onChanged(result.data);
            }}
          >
            New URL
          </Button>
          <Button
            variant="secondary"
            disabled={pending}
            onClick={async () => {
              if ((await setEnabled.run({ ...ref, enabled: !t.enabled })).ok) onChanged();
            }}
          >
            {t.enabled ? 'Disable' : 'Enable'}
          </Button>
          {confirming ? (
            <Button
              variant="danger"
              disabled={pending}
              onClick={async () => {
                if ((await remove.run(ref)).ok) onChanged();
              }}
            >
              Delete “{t.name}” for good
            </Button>
          ) : (
            <Button variant="ghost" disabled={pending} onClick={() => setConfirming(true)}>
              Delete
            </Button>
          )}
        </div>
      ) : null}
      <FormError error={error} />
    </li>
  );
}

async function noAction(): Promise<never> {
  throw new Error('Not allowed');
}
