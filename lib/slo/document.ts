// The SLO document in its canonical form: fixed key order and explicit defaults, so that the
// same definitions always serialise to the same bytes (stable ETags, readable diffs).
import type { AutoTrip, Budgets, Slo, SloDocument } from '@/lib/validations/slo';
import { DAY_MS } from '@/lib/time/units';
import { SLO_WINDOWS, type SloWindow } from './windows';

/** What a stored SLO row holds: the SLI's own fields live in `config`. */
export interface SloRowValues {
  name: string;
  sli: Slo['sli'];
  config: Record<string, unknown>;
  objective: number;
  windowDays: number;
  environment: string;
}

export const windowDays = (window: SloWindow): number => SLO_WINDOWS[window] / DAY_MS;
const windowOf = (days: number): SloWindow => `${days}d` as SloWindow;

/** The SLI's own fields, in the order docs/slos.md#the-document writes them. */
function sliFields(slo: Slo): Record<string, unknown> {
  switch (slo.sli) {
    case 'latency':
      return { measure: slo.measure, thresholdMs: slo.thresholdMs };
    case 'availability':
      return { countFallbackAsGood: slo.countFallbackAsGood };
    case 'accuracy':
      return slo.source === 'scores' ? { source: slo.source, minScore: slo.minScore } : { source: slo.source };
    case 'cost':
      return { maxCostUsd: slo.maxCostUsd };
  }
}

export function canonicalSlo(slo: Slo): Slo {
  return {
    name: slo.name,
    sli: slo.sli,
    ...sliFields(slo),
    objective: slo.objective,
    window: slo.window,
    environment: slo.environment,
  } as Slo;
}

export function canonicalDocument(doc: SloDocument): SloDocument {
  return {
    slos: doc.slos.map(canonicalSlo),
    budgets: {
      dailyUsd: doc.budgets.dailyUsd,
      monthlyUsd: doc.budgets.monthlyUsd,
      thresholds: [...doc.budgets.thresholds],
    },
    autoTrip: { onPageAlert: doc.autoTrip.onPageAlert, onBudgetExhausted: doc.autoTrip.onBudgetExhausted },
  };
}

export function sloToRow(slo: Slo): SloRowValues {
  return {
    name: slo.name,
    sli: slo.sli,
    config: sliFields(slo),
    objective: slo.objective,
    windowDays: windowDays(slo.window),
    environment: slo.environment,
  };
}

export function rowToSlo(row: SloRowValues): Slo {
  return canonicalSlo({
    ...row.config,
    name: row.name,
    sli: row.sli,
    objective: row.objective,
    window: windowOf(row.windowDays),
    environment: row.environment,
  } as Slo);
}

export function assembleDocument(slos: SloRowValues[], budgets: Budgets, autoTrip: AutoTrip): SloDocument {
  return canonicalDocument({ slos: slos.map(rowToSlo), budgets, autoTrip });
}
