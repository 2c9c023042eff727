// SLOs and changes in words, for the forms' list and the CLI's summary.
import { formatLatency, formatUsd } from '@/lib/format/numbers';
import type { Slo } from '@/lib/validations/slo';
import type { FieldChange, SloChange } from './diff';

/** 0.995 → "99.5%": as many digits as the objective has, never rounded to 100%. */
export function formatObjective(objective: number): string {
  return `${+(objective * 100).toFixed(4)}%`;
}

/**
 * A share rounded as far as it is meaningful: whole percents from 10%, one decimal below
 * ("4.3%", "<0.1%"), never "100%" for less than all nor "0%" for more than nothing.
 */
export function formatRoughPercent(share: number): string {
  const pct = share * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  if (pct > 0 && pct < 0.1) return '<0.1%';
  if (pct > 99 && pct < 100) return '>99%';
  return Math.abs(pct) < 10 ? `${+pct.toFixed(1)}%` : `${Math.round(pct)}%`;
}

/**
 * Error budget left, the same on every page: "37%", and "0% (overspent)" once the bad events
 * exceed what the objective allows (the remaining share is then negative).
 */
export function formatBudgetLeft(remaining: number): string {
  return remaining < 0 ? '0% (overspent)' : formatRoughPercent(remaining);
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
      return slo.source === 'evals'
        ? `${share} eval cases pass`
        : `${share} scored calls score at least ${slo.minScore}`;
    case 'cost':
      return `${share} calls cost under ${formatUsd(slo.maxCostUsd)}`;
  }
}

/** "over 28 days in production". */
export function describeScope(slo: Slo): string {
  return `over ${slo.window.replace('d', ' days')} in ${slo.environment}`;
}

const value = (v: unknown) =>
  v === null || v === undefined ? 'none' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
const fieldList = (fields: FieldChange[]) =>
  fields.map((f) => `${f.field} ${value(f.before)} → ${value(f.after)}`).join(', ');

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
