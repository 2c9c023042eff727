// What the SLO being edited would have been over its past window (compliance, budget left, burn
// rate, state), or why there is nothing to show yet.
import { SLO_STATE_CLASS } from '@/components/overview/figures';
import { Button } from '@/components/ui/button';
import { formatCount, formatPercent } from '@/lib/format/numbers';
import type { SloPreview as Figures } from '@/lib/status/slo-preview';
import type { Slo } from '@/lib/validations/slo';
import type { PreviewState } from './use-slo-preview';

/** What the SLI counts, for "no … in production over the past 28 days". */
function eventsOf(slo: Slo): string {
  if (slo.sli === 'accuracy') return slo.source === 'evals' ? 'eval cases' : 'scored calls';
  if (slo.sli === 'latency' && slo.measure === 'ttft') return 'streamed calls';
  if (slo.sli === 'cost') return 'calls with a cost';
  return 'calls';
}

export function SloPreviewPanel({
  state,
  pending,
  onPreview,
}: {
  state: PreviewState;
  pending: boolean;
  onPreview: () => void;
}) {
  return (
    <section
      aria-label="Preview"
      aria-live="polite"
      className="flex flex-col gap-2 rounded-md border border-border bg-bg p-3 text-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 className="font-semibold">Preview over the past window</h4>
        <Button variant="secondary" onClick={onPreview} disabled={pending}>
          Preview
        </Button>
      </div>
      <PreviewBody state={state} />
    </section>
  );
}

function PreviewBody({ state }: { state: PreviewState }) {
  switch (state.kind) {
    case 'idle':
      return (
        <p className="text-muted">
          As you fill in the form, this shows what the SLO would have been over its window, before you save it.
        </p>
      );
    case 'incomplete':
      return <p className="text-muted">Complete the fields above to see a preview.</p>;
    case 'loading':
      return <p className="text-muted">Computing the preview…</p>;
    case 'failed':
      return <p className="text-bad">{state.message}</p>;
    case 'ready':
      return <PreviewFigures slo={state.slo} figures={state.preview} />;
  }
}

function PreviewFigures({ slo, figures }: { slo: Slo; figures: Figures }) {
  const scope = `in ${slo.environment} over the past ${slo.window.replace('d', ' days')}`;
  if (figures.total === 0) {
    return (
      <p className="text-muted">
        No data: there were no {eventsOf(slo)} {scope}, so this SLO has nothing to judge yet. It starts counting once
        they arrive.
      </p>
    );
  }
  const left = figures.budgetRemaining ?? 0;
  return (
    <>
      <p className="text-muted">
        {formatCount(figures.bad)} bad of {formatCount(figures.total)} {eventsOf(slo)} {scope}.
      </p>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Figure label="Compliance" value={formatPercent(figures.compliance)} />
        <Figure
          label="Error budget left"
          value={`${formatPercent(Math.max(0, left))}${left < 0 ? ' (overspent)' : ''}`}
        />
        <Figure
          label="Burn rate (1 h)"
          value={figures.burnRate === null ? 'none in the last hour' : `${figures.burnRate.toFixed(2)}×`}
        />
        <Figure
          label="State"
          value={figures.state.replace('_', ' ')}
          className={`font-bold uppercase ${SLO_STATE_CLASS[figures.state]}`}
        />
      </dl>
    </>
  );
}

function Figure({ label, value, className = 'font-semibold' }: { label: string; value: string; className?: string }) {
  return (
    <div role="group" aria-label={label} className="flex flex-col">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className={`tabular ${className}`}>{value}</dd>
    </div>
  );
}
