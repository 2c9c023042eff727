'use client';

import { Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { describeScope, describeSlo } from '@/lib/slo/describe';
import type { Slo } from '@/lib/validations/slo';
import { SloForm } from './slo-form';
import { SloLive, type LiveSlo } from './slo-live';
import type { SloAction, SloPreviewAction } from './types';

const SLI_LABEL: Record<Slo['sli'], string> = {
  latency: 'Latency',
  availability: 'Availability',
  accuracy: 'Accuracy',
  cost: 'Cost',
};

/** The feature's SLOs; admins add, edit (one form open at a time) and delete them. */
export function SloList({
  featureKey,
  slos,
  canEdit,
  saveSlo,
  deleteSlo,
  previewSlo,
  live,
}: {
  featureKey: string;
  slos: Slo[];
  /** Each SLO now, by name (the health API's figures). */
  live: Record<string, LiveSlo>;
  canEdit: boolean;
  saveSlo: SloAction;
  deleteSlo: SloAction;
  previewSlo: SloPreviewAction;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const close = () => setEditing(null);
  return (
    <div className="flex flex-col gap-3">
      {slos.length === 0 && editing !== '' ? (
        <p className="rounded-lg border border-dashed border-border p-4 text-sm text-muted">
          No SLOs yet.{' '}
          {canEdit
            ? 'Add one to say what “working” means for this feature: how fast, how often right, how cheap.'
            : 'An admin can define them here or with `switchboard slo apply`.'}
        </p>
      ) : null}
      <ul className="flex flex-col gap-2" aria-label="SLOs">
        {slos.map((slo) =>
          editing === slo.name ? (
            <li key={slo.name}>
              <SloForm featureKey={featureKey} initial={slo} saveSlo={saveSlo} previewSlo={previewSlo} onDone={close} />
            </li>
          ) : (
            <li
              key={slo.name}
              data-slo={slo.name}
              className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-4 sm:flex-row sm:items-start"
            >
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <h3 className="font-mono font-semibold break-all">{slo.name}</h3>
                  <span className="rounded border border-border px-1.5 py-0.5 text-xs">{SLI_LABEL[slo.sli]}</span>
                </div>
                <p className="mt-1 text-sm">{describeSlo(slo)}</p>
                <p className="text-xs text-muted">{describeScope(slo)}</p>
                {live[slo.name] ? (
                  <div className="mt-3 border-t border-border pt-3">
                    <SloLive slo={live[slo.name]} />
                  </div>
                ) : null}
              </div>
              {canEdit ? (
                <div className="flex gap-2">
                  <Button
                    variant="secondary"
                    aria-label={`Edit ${slo.name}`}
                    onClick={() => setEditing(slo.name)}
                    disabled={editing !== null}
                  >
                    <Pencil aria-hidden className="size-4" /> Edit
                  </Button>
                  <DeleteSloButton featureKey={featureKey} name={slo.name} deleteSlo={deleteSlo} />
                </div>
              ) : null}
            </li>
          ),
        )}
      </ul>
      {canEdit && editing === '' ? (
        <SloForm featureKey={featureKey} saveSlo={saveSlo} previewSlo={previewSlo} onDone={close} />
      ) : null}
      {canEdit && editing === null ? (
        <Button onClick={() => setEditing('')} className="sm:self-start">
          <Plus aria-hidden className="size-4" /> Add an SLO
        </Button>
      ) : null}
    </div>
  );
}

function DeleteSloButton({ featureKey, name, deleteSlo }: { featureKey: string; name: string; deleteSlo: SloAction }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" aria-label={`Delete ${name}`}>
          <Trash2 aria-hidden className="size-4 text-bad" /> Delete…
        </Button>
      }
      title={`Delete the SLO “${name}”?`}
      description="Its error budget and burn-rate alerts stop being computed. The change is recorded in the audit log; to undo it, define the SLO again."
      confirmLabel="Delete SLO"
      onConfirm={() => deleteSlo({ featureKey, name })}
      unreachable="Could not reach Switchboard; the SLO is still there. Try again."
    />
  );
}
