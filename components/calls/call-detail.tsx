'use client';

// The selected call (`?call=<id>` in the URL): every field, the redacted prompt and completion.
import { useQuery } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { X } from 'lucide-react';
import { FetchError, fetchJson } from '@/lib/api/fetch-json';
import { formatCount, formatLatency, formatUsd } from '@/lib/format/numbers';
import { formatRelative, formatUtc } from '@/lib/format/time';
import { JsonView, PromptView, TextView } from './call-body';
import { routeText } from './call-figures';
import { CallScores } from './call-scores';
import { OutcomeBadge } from './outcome-badge';
import type { CallDetail as Detail } from './types';

interface Props {
  id: string | null;
  now: number | null;
  /** Days raw calls are kept: a call older than that is gone. */
  retentionDays: number;
  onClose(): void;
}

export function CallDetail({ id, now, retentionDays, onClose }: Props) {
  return (
    <Dialog.Root open={id !== null} onOpenChange={(open) => open || onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content className="fixed inset-0 z-50 flex flex-col overflow-y-auto bg-panel shadow-xl md:inset-y-0 md:right-0 md:left-auto md:w-[44rem] md:border-l md:border-border">
          {id ? <DetailBody id={id} now={now} retentionDays={retentionDays} /> : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function DetailBody({ id, now, retentionDays }: { id: string; now: number | null; retentionDays: number }) {
  const query = useQuery({
    queryKey: ['call', id],
    queryFn: ({ signal }) => fetchJson<Detail>(`/api/v1/calls/${id}`, { signal }),
  });
  const call = query.data;
  return (
    <>
      <div className="sticky top-0 flex items-center justify-between gap-2 border-b border-border bg-panel px-4 py-2">
        <Dialog.Title className="text-lg font-semibold">Call {call ? `· ${call.feature}` : ''}</Dialog.Title>
        <Dialog.Close
          className="flex min-h-11 min-w-11 items-center justify-center rounded-md text-muted hover:text-text"
          aria-label="Close"
        >
          <X aria-hidden className="size-5" />
        </Dialog.Close>
      </div>
      <Dialog.Description className="sr-only">
        All fields of call {id}, with its redacted prompt and completion.
      </Dialog.Description>
      <div className="flex flex-col gap-4 p-4">
        {query.isPending ? <div aria-label="Loading the call" className="h-64 animate-pulse rounded-md bg-bg" /> : null}
        {query.isError ? (
          <p role="alert" className="rounded-md border border-bad bg-bad-bg p-3 text-sm text-bad">
            {query.error instanceof FetchError && query.error.status === 404
              ? `${query.error.message} Calls older than the ${retentionDays}-day retention period are removed.`
              : `The call could not be loaded: ${query.error.message}`}
          </p>
        ) : null}
        {call ? <DetailFields call={call} now={now} /> : null}
      </div>
    </>
  );
}

function DetailFields({ call, now }: { call: Detail; now: number | null }) {
  const fields: [string, string][] = [
    [
      'Time',
      `${formatUtc(call.timestamp, { seconds: true })}${now !== null ? ` (${formatRelative(call.timestamp, now)})` : ''}`,
    ],
    ['Received', formatUtc(call.receivedAt, { seconds: true })],
    ['Feature', call.feature],
    ['Model', `${call.model}${call.provider ? ` (${call.provider})` : ''}`],
    ['Route', routeText(call)],
    ['Latency', formatLatency(call.latencyMs)],
    ['Time to first token', formatLatency(call.ttftMs)],
    ['Input tokens', call.inputTokens === null ? '–' : formatCount(call.inputTokens)],
    ['Cached input tokens', call.cachedInputTokens === null ? '–' : formatCount(call.cachedInputTokens)],
    ['Output tokens', call.outputTokens === null ? '–' : formatCount(call.outputTokens)],
    [
      'Cost',
      `${formatUsd(call.costUsd)}${call.costSource ? ` (${call.costSource === 'client' ? 'sent by the client' : 'from the price table'})` : ''}`,
    ],
    ['Score', call.score === null ? '–' : String(call.score)],
    ['User', call.userId ?? '–'],
    ['Session', call.sessionId ?? '–'],
    ['Environment', call.environment],
    ['Release', call.release ?? '–'],
    ['Id', call.id],
  ];
  const redacted = Object.entries(call.redactions);
  return (
    <>
      <OutcomeBadge outcome={call.outcome} errorType={call.errorType} />
      <dl className="tabular grid grid-cols-[minmax(0,7.5rem)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm sm:grid-cols-[minmax(0,10rem)_minmax(0,1fr)]">
        {fields.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            {/* Words wrap between words; only a value longer than the line (an id) breaks inside. */}
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <section className="flex flex-col gap-2">
        <h3 className="font-semibold">Scores</h3>
        <CallScores scores={call.scores} />
      </section>
      <section className="flex flex-col gap-2">
        <h3 className="font-semibold">Prompt (redacted)</h3>
        {redacted.length ? (
          <p className="text-xs text-muted">Redacted: {redacted.map(([type, n]) => `${n} × [${type}]`).join(', ')}</p>
        ) : null}
        <PromptView prompt={call.prompt} />
      </section>
      <section className="flex flex-col gap-2">
        <h3 className="font-semibold">Completion (redacted)</h3>
        <TextView text={call.completion} none="Not stored." />
      </section>
      <section className="flex flex-col gap-2">
        <h3 className="font-semibold">Metadata</h3>
        <JsonView value={call.metadata} none="None." />
      </section>
    </>
  );
}
