// One case of a run: each repeat's inputs, output, expected output and assertion results.
import { formatLatency, formatPercent, formatUsd } from '@/lib/format/numbers';
import type { EvalCaseResult } from './types';
import { PassFail } from './verdict-badge';

const block = 'max-h-64 overflow-auto whitespace-pre-wrap break-words rounded-md bg-bg p-2 font-mono text-xs';

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function Inputs({ vars }: { vars: Record<string, unknown> }) {
  const entries = Object.entries(vars);
  if (!entries.length) return <p className="text-xs text-muted">No input variables.</p>;
  return (
    <dl className="flex flex-col gap-1">
      {entries.map(([name, value]) => (
        <div key={name} className="flex flex-col gap-0.5">
          <dt className="font-mono text-xs text-muted">{name}</dt>
          <dd className={block}>{valueText(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Assertions({ assertions }: { assertions: EvalCaseResult['assertions'] }) {
  if (!assertions.length) return <p className="text-xs text-muted">No assertions.</p>;
  return (
    <ul className="flex flex-col gap-1">
      {assertions.map((a, i) => (
        <li key={i} className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 text-sm">
          <PassFail passed={a.passed} label={a.type} />
          <span className="tabular text-xs text-muted">
            score {a.score.toFixed(2)}
            {a.weight !== 1 ? ` · weight ${a.weight}` : ''}
          </span>
          {a.reason ? <span className="min-w-0 break-words text-xs">{a.reason}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function RepeatResult({ result, showRepeat }: { result: EvalCaseResult; showRepeat: boolean }) {
  const figures = [
    showRepeat ? `repeat ${result.repeat + 1}` : null,
    result.score !== null ? `score ${result.score.toFixed(2)}` : null,
    result.weight !== 1 ? `weight ${result.weight}` : null,
    result.latencyMs !== null ? formatLatency(result.latencyMs) : null,
    result.costUsd !== null ? formatUsd(result.costUsd) : null,
  ].filter(Boolean);
  return (
    <div className="flex flex-col gap-2">
      <p className="tabular flex flex-wrap items-center gap-2 text-xs text-muted">
        {showRepeat ? <PassFail passed={result.passed} /> : null}
        {figures.join(' · ')}
      </p>
      {result.error ? (
        <p role="note" className="rounded-md border border-bad bg-bad-bg p-2 text-sm text-bad">
          The target failed: {result.error}
        </p>
      ) : null}
      <section className="flex flex-col gap-1">
        <h4 className="text-xs font-semibold uppercase text-muted">Inputs</h4>
        <Inputs vars={result.vars} />
      </section>
      <div className="grid gap-2 md:grid-cols-2">
        <section className="flex min-w-0 flex-col gap-1">
          <h4 className="text-xs font-semibold uppercase text-muted">Output</h4>
          {result.output !== null ? (
            <pre className={block}>{result.output}</pre>
          ) : (
            <p className="text-xs text-muted">No output.</p>
          )}
        </section>
        <section className="flex min-w-0 flex-col gap-1">
          <h4 className="text-xs font-semibold uppercase text-muted">Expected</h4>
          {result.expected !== null ? (
            <pre className={block}>{result.expected}</pre>
          ) : (
            <p className="text-xs text-muted">No expected output.</p>
          )}
        </section>
      </div>
      <section className="flex flex-col gap-1">
        <h4 className="text-xs font-semibold uppercase text-muted">Assertions</h4>
        <Assertions assertions={result.assertions} />
      </section>
    </div>
  );
}

/** A case with its repeats, open when it failed (what a person opens the run for). */
export function CaseResult({ name, passRate, results }: { name: string; passRate: number; results: EvalCaseResult[] }) {
  const passed = passRate === 1;
  const repeats = results.length > 1;
  return (
    <details open={!passed} data-case={name} className="group rounded-lg border border-border bg-panel">
      <summary className="flex min-h-11 cursor-pointer list-none flex-wrap items-center gap-2 px-3 py-2">
        <PassFail passed={passed} />
        <span className="min-w-0 flex-1 break-words font-mono text-sm font-semibold">{name}</span>
        {repeats ? (
          <span className="tabular text-xs text-muted">
            {results.filter((r) => r.passed).length} of {results.length} repeats passed ({formatPercent(passRate)})
          </span>
        ) : null}
        <span aria-hidden className="text-muted group-open:rotate-90">
          ›
        </span>
      </summary>
      <div className="flex flex-col gap-4 border-t border-border p-3">
        {results.map((r) => (
          <RepeatResult key={r.repeat} result={r} showRepeat={repeats} />
        ))}
      </div>
    </details>
  );
}
