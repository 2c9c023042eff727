// SLOs and changes in words, for the forms' list and the CLI's summary.
import { formatLatency, formatUsd } from '@/lib/format/numbers';
import type { Slo } from '@/lib/validations/slo';
import type { FieldChange, SloChange } from './diff';

/** 0.995 → "99.5%": as many digits as the objective has, never rounded to 100%. */
export function formatObjective(objective: number): string {
  return `${+(objective * 100).toFixed(4)}%`;
}

/** "99% of calls complete in under 30.0 s": what the SLO promises. */
export function describeSlo(slo: Slo): string {
  const share = `${formatObjective(slo.objective)} of`;
  switch (slo.sli) {
    case 'latency':
      return slo.measure === 'ttft'
        ? `${share} calls reach their first token in under ${formatLatency(slo.thresholdMs)}`
        : `${share} calls complete in under ${formatLatency(slo.thresholdMs)}`;
    case 'availability':
      return slo.countFallbackAsGood
        ? `${share} calls succeed (any route that answers counts)`
        : `${share} calls succeed on the primary model (fallbacks count as bad)`;
    case 'accuracy':
      return slo.source === 'evals' ? `${share} eval cases pass` : `${share} scored calls score at least ${slo.minScore}`;
    case 'cost':
      return `${share} calls cost under ${formatUsd(slo.maxCostUsd)}`;
  }
}

/** "over 28 days in production". */
export function describeScope(slo: Slo): string {
  return `over ${slo.window.replace('d', ' days')} in ${slo.environment}`;
}

const value = (v: unknown) => (v === null || v === undefined ? 'none' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
const fieldList = (fields: FieldChange[]) => fields.map((f) => `${f.field} ${value(f.before)} → ${value(f.after)}`).join(', ');

/** One line per change, prefixed like a diff: + created, ~ changed, - deleted. */
export function describeChange(change: SloChange): string {
  switch (change.kind) {
    case 'slo.create':
      return `+ SLO ${change.name}: ${describeSlo(change.after)} ${describeScope(change.after)}`;
    case 'slo.update':
      return `~ SLO ${change.name}: ${fieldList(change.fields)}`;
    case 'slo.delete':
      return `- SLO ${change.name}`;
    case 'budgets.update':
      return `~ budgets: ${fieldList(change.fields)}`;
    case 'autoTrip.update':
      return `~ autoTrip: ${fieldList(change.fields)}`;
  }
}
