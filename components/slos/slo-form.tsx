'use client';

import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ChoiceGroup } from '@/components/ui/choice-group';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';
import { formatObjective } from '@/lib/slo/describe';
import { SaveSloSchema, WINDOWS, type Sli, type Slo } from '@/lib/validations/slo';
import { SloPreviewPanel } from './slo-preview';
import { errorsUnder, numberOrUndefined, reasonOf, type SloAction, type SloPreviewAction } from './types';
import { ReasonField } from './save-row';
import { useSloPreview } from './use-slo-preview';

const SLI_CHOICES = [
  {
    value: 'latency',
    label: 'Latency',
    description: 'Calls finish (or reach their first token) in under a threshold.',
  },
  { value: 'availability', label: 'Availability', description: 'Calls succeed.' },
  { value: 'accuracy', label: 'Accuracy', description: 'Eval cases pass, or scored calls score high enough.' },
  { value: 'cost', label: 'Cost', description: 'Calls cost under a maximum.' },
];

/** The SLI-specific fields of the form, read into the document's shape. */
function sliFields(sli: string, form: FormData): Record<string, unknown> {
  switch (sli) {
    case 'latency':
      return { measure: form.get('measure') ?? undefined, thresholdMs: numberOrUndefined(form.get('thresholdMs')) };
    case 'availability':
      return { countFallbackAsGood: form.get('countFallbackAsGood') !== 'false' };
    case 'accuracy':
      return form.get('source') === 'scores'
        ? { source: 'scores', minScore: numberOrUndefined(form.get('minScore')) }
        : { source: form.get('source') ?? undefined };
    case 'cost':
      return { maxCostUsd: numberOrUndefined(form.get('maxCostUsd')) };
    default:
      return {};
  }
}

/** The SLO the form describes now, in the document's shape (zod says what is missing or wrong). */
function draftOf(formElement: HTMLFormElement) {
  const form = new FormData(formElement);
  const sli = String(form.get('sli') ?? '');
  return {
    name: String(form.get('name') ?? ''),
    sli,
    ...sliFields(sli, form),
    objective: numberOrUndefined(form.get('objective')),
    window: form.get('window') ?? undefined,
    environment: String(form.get('environment') ?? '').trim() || undefined,
  };
}

/**
 * Creates an SLO, or edits `initial`; validated by the same schema as the API before it is sent,
 * with a preview of the draft over its past window as it is edited.
 */
export function SloForm({
  featureKey,
  initial,
  saveSlo,
  previewSlo,
  onDone,
}: {
  featureKey: string;
  initial?: Slo;
  saveSlo: SloAction;
  previewSlo: SloPreviewAction;
  onDone: () => void;
}) {
  const { submit, pending, error, fieldErrors } = useFormAction(SaveSloSchema, saveSlo);
  const preview = useSloPreview(featureKey, previewSlo);
  const formRef = useRef<HTMLFormElement>(null);
  const [sli, setSli] = useState<Sli>(initial?.sli ?? 'latency');
  const [source, setSource] = useState(initial?.sli === 'accuracy' ? initial.source : 'evals');
  const [objective, setObjective] = useState(initial ? String(initial.objective) : '');
  const errors = (field: string) => errorsUnder({ ...fieldErrors, ...preview.fieldErrors }, `slo.${field}`);
  const objectiveNumber = Number(objective);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = reasonOf(new FormData(event.currentTarget));
    const done = await submit({
      featureKey,
      originalName: initial?.name,
      slo: draftOf(event.currentTarget),
      reason,
    } as never);
    if (done) onDone();
  }

  function onChange(event: React.FormEvent<HTMLFormElement>) {
    const target = event.target as HTMLInputElement;
    if (target.name === 'sli') setSli(target.value as Sli);
    if (target.name === 'source') setSource(target.value as 'evals' | 'scores');
    preview.previewSoon(() => (formRef.current ? draftOf(formRef.current) : undefined));
  }

  const title = initial ? `Edit the SLO “${initial.name}”` : 'New SLO';
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      onChange={onChange}
      noValidate
      aria-label={title}
      className="flex flex-col gap-4 rounded-lg border border-accent bg-panel p-4 sm:p-5"
    >
      <h3 className="text-lg font-semibold">{title}</h3>
      <Field
        label="Name"
        name="name"
        defaultValue={initial?.name}
        maxLength={63}
        placeholder="e.g. fast-answers"
        autoCapitalize="none"
        errors={errors('name')}
        hint="Lower-case letters, digits, “-”, “_” or “.”; unique within the feature."
      />
      <ChoiceGroup
        type="radio"
        name="sli"
        legend="What it measures"
        choices={SLI_CHOICES}
        defaultValue={sli}
        errors={errors('sli')}
      />
      {sli === 'latency' ? (
        <>
          <ChoiceGroup
            type="radio"
            name="measure"
            legend="Latency to"
            defaultValue={initial?.sli === 'latency' ? initial.measure : 'total'}
            choices={[
              { value: 'total', label: 'The complete answer', description: 'From the request to the last token.' },
              {
                value: 'ttft',
                label: 'The first token',
                description: 'For streamed answers: when the user starts reading.',
              },
            ]}
            errors={errors('measure')}
          />
          <Field
            label="Threshold (ms)"
            name="thresholdMs"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            defaultValue={initial?.sli === 'latency' ? initial.thresholdMs : undefined}
            placeholder="30000"
            errors={errors('thresholdMs')}
            hint="Calls slower than this count against the SLO. 30000 ms = 30 s."
          />
        </>
      ) : null}
      {sli === 'availability' ? (
        <ChoiceGroup
          type="radio"
          name="countFallbackAsGood"
          legend="A call succeeds when"
          defaultValue={initial?.sli === 'availability' ? String(initial.countFallbackAsGood) : 'true'}
          choices={[
            {
              value: 'true',
              label: 'Any route answers',
              description: 'Fallback models, the cache and rules count as success.',
            },
            {
              value: 'false',
              label: 'Only the primary model answers',
              description: 'A fallback answer counts as a failure.',
            },
          ]}
          errors={errors('countFallbackAsGood')}
        />
      ) : null}
      {sli === 'accuracy' ? (
        <>
          <ChoiceGroup
            type="radio"
            name="source"
            legend="Judged by"
            defaultValue={source}
            choices={[
              {
                value: 'evals',
                label: 'Eval runs',
                description: 'The share of eval cases that pass, from uploaded runs.',
              },
              {
                value: 'scores',
                label: 'Online scores',
                description: 'The share of scored calls at or above a minimum score.',
              },
            ]}
            errors={errors('source')}
          />
          {source === 'scores' ? (
            <Field
              label="Minimum score (0–1)"
              name="minScore"
              type="number"
              inputMode="decimal"
              min={0}
              max={1}
              step="any"
              defaultValue={initial?.sli === 'accuracy' ? initial.minScore : undefined}
              placeholder="0.7"
              errors={errors('minScore')}
            />
          ) : null}
        </>
      ) : null}
      {sli === 'cost' ? (
        <Field
          label="Maximum cost per call (USD)"
          name="maxCostUsd"
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          defaultValue={initial?.sli === 'cost' ? initial.maxCostUsd : undefined}
          placeholder="0.02"
          errors={errors('maxCostUsd')}
        />
      ) : null}
      <Field
        label="Objective"
        name="objective"
        type="text"
        inputMode="decimal"
        value={objective}
        onChange={(e) => setObjective(e.target.value)}
        placeholder="0.99"
        errors={errors('objective')}
        hint={
          objectiveNumber > 0 && objectiveNumber < 1
            ? `${formatObjective(objectiveNumber)} of calls must be good.`
            : 'A fraction: 0.99 means 99% of calls must be good.'
        }
      />
      <ChoiceGroup
        type="radio"
        name="window"
        legend="Rolling window"
        columns="grid-cols-3"
        defaultValue={initial?.window ?? '28d'}
        choices={WINDOWS.map((w) => ({ value: w, label: w.replace('d', ' days'), description: '' }))}
        errors={errors('window')}
      />
      <Field
        label="Environment"
        name="environment"
        defaultValue={initial?.environment ?? 'production'}
        autoCapitalize="none"
        errors={errors('environment')}
        hint="Only calls from this environment count."
      />
      <SloPreviewPanel
        state={preview.state}
        pending={pending}
        onPreview={() => formRef.current && preview.previewNow(draftOf(formRef.current))}
      />
      <ReasonField id={`slo-reason-${initial?.name ?? 'new'}`} errors={fieldErrors.reason} />
      <FormError error={error} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row">
        <Button variant="secondary" onClick={onDone} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : initial ? 'Save SLO' : 'Add SLO'}
        </Button>
      </div>
    </form>
  );
}
