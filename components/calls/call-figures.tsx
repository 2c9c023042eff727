// The small pieces a call row shows, shared by the desktop table and the phone cards.
import { formatCount, formatLatency, formatUsd } from '@/lib/format/numbers';
import { formatRelative, formatUtc } from '@/lib/format/time';
import type { CallRow } from './types';

export function CallTime({ call, now }: { call: CallRow; now: number | null }) {
  return (
    <span className="flex flex-col">
      <time dateTime={call.timestamp} className="whitespace-nowrap">
        {formatUtc(call.timestamp, { seconds: true })}
      </time>
      {now !== null ? <span className="text-xs text-muted">{formatRelative(call.timestamp, now)}</span> : null}
    </span>
  );
}

export function tokensText(call: Pick<CallRow, 'inputTokens' | 'outputTokens'>): string {
  if (call.inputTokens === null && call.outputTokens === null) return '–';
  return `${formatCount(call.inputTokens ?? 0)} → ${formatCount(call.outputTokens ?? 0)} tok`;
}

export function routeText(call: Pick<CallRow, 'route' | 'fallbackDepth'>): string {
  return call.route === 'fallback' && call.fallbackDepth > 0 ? `fallback ${call.fallbackDepth}` : call.route;
}

export const latencyText = (call: CallRow) => formatLatency(call.latencyMs);
export const costText = (call: CallRow) => formatUsd(call.costUsd);
