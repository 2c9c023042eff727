// One case of two runs side by side: the baseline's result(s) and the new run's.
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { CaseChange } from '@/lib/evals/run-diff';
import { formatPercent } from '@/lib/format/numbers';
import { RepeatResult } from './case-result';
import type { EvalCaseResult } from './types';
import { PassFail } from './verdict-badge';

export const CHANGE_WORDS: Record<CaseChange, { title: string; empty: string; tone: BadgeTone; mark: string }> = {
  regressed: { title: 'Regressed', empty: 'No case got worse.', tone: 'bad', mark: '↓' },
  fixed: { title: 'Fixed', empty: 'No case got better.', tone: 'ok', mark: '↑' },
  new: { title: 'New', empty: 'No new cases.', tone: 'neutral', mark: '+' },
  removed: { title: 'Removed', empty: 'No case was removed.', tone: 'neutral', mark: '−' },
  unchanged: { title: 'Unchanged', empty: 'Every case changed.', tone: 'neutral', mark: '=' },
};

function Side({ title, results }: { title: string; results: EvalCaseResult[] }) {
  return (
    <section className="flex min-w-0 flex-col gap-2 rounded-md border border-border p-2">
      <h4 className="text-xs font-semibold uppercase text-muted">{title}</h4>
      {results.length === 0 ? <p className="text-sm text-muted">Not in this run.</p> : null}
      {results.map((r) => (
        <div key={r.repeat} className="flex flex-col gap-1">
          {results.length === 1 ? (
            <span className="self-start">
              <PassFail passed={r.passed} />
            </span>
          ) : null}
          <RepeatResult result={r} showRepeat={results.length > 1} />
        </div>
      ))}
    </section>
  );
}

const rateText = (rate: number | null) =>
  rate === null ? 'absent' : rate === 1 ? 'pass' : rate === 0 ? 'fail' : formatPercent(rate);

export function CaseDiff(props: {
  name: string;
  change: CaseChange;
  basePassRate: number | null;
  headPassRate: number | null;
  base: EvalCaseResult[];
  head: EvalCaseResult[];
  baseLabel: string;
  headLabel: string;
}) {
  const words = CHANGE_WORDS[props.change];
  return (
    <details
      open={props.change === 'regressed'}
      data-case={props.name}
      data-change={props.change}
      className="group rounded-lg border border-border bg-panel"
    >
      <summary className="flex min-h-11 cursor-pointer list-none flex-wrap items-center gap-2 px-3 py-2">
        <Badge tone={words.tone}>
          <span aria-hidden>{words.mark}</span>
          {words.title.toUpperCase()}
        </Badge>
        <span className="min-w-0 flex-1 break-words font-mono text-sm font-semibold">{props.name}</span>
        <span className="tabular text-xs text-muted">
          {rateText(props.basePassRate)} → {rateText(props.headPassRate)}
        </span>
        <span aria-hidden className="text-muted group-open:rotate-90">
          ›
        </span>
      </summary>
      <div className="grid gap-2 border-t border-border p-2 lg:grid-cols-2">
        <Side title={props.baseLabel} results={props.base} />
        <Side title={props.headLabel} results={props.head} />
      </div>
    </details>
  );
}
