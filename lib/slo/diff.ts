// What applying one SLO document over another changes: the audit log's entries, the API's
// answer and the CLI's summary all come from here.
import type { AutoTrip, Budgets, Slo, SloDocument } from '@/lib/validations/slo';
import { canonicalDocument } from './document';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export type SloChange =
  | { kind: 'slo.create'; name: string; after: Slo }
  | { kind: 'slo.update'; name: string; before: Slo; after: Slo; fields: FieldChange[] }
  | { kind: 'slo.delete'; name: string; before: Slo }
  | { kind: 'budgets.update'; before: Budgets; after: Budgets; fields: FieldChange[] }
  | { kind: 'autoTrip.update'; before: AutoTrip; after: AutoTrip; fields: FieldChange[] };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose values differ, in the order they first appear. */
export function changedFields(before: object, after: object): FieldChange[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => !same(b[k], a[k]))
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }));
}

/** Creates and updates in the new document's order, then deletes, then budgets and auto-trip. */
export function diffSloDocuments(beforeDoc: SloDocument, afterDoc: SloDocument): SloChange[] {
  const before = canonicalDocument(beforeDoc);
  const after = canonicalDocument(afterDoc);
  const old = new Map(before.slos.map((s) => [s.name, s]));
  const kept = new Set(after.slos.map((s) => s.name));
  const changes: SloChange[] = [];
  for (const slo of after.slos) {
    const previous = old.get(slo.name);
    if (!previous) changes.push({ kind: 'slo.create', name: slo.name, after: slo });
    else {
      const fields = changedFields(previous, slo);
      if (fields.length) changes.push({ kind: 'slo.update', name: slo.name, before: previous, after: slo, fields });
    }
  }
  for (const slo of before.slos)
    if (!kept.has(slo.name)) changes.push({ kind: 'slo.delete', name: slo.name, before: slo });
  const budgetFields = changedFields(before.budgets, after.budgets);
  if (budgetFields.length)
    changes.push({ kind: 'budgets.update', before: before.budgets, after: after.budgets, fields: budgetFields });
  const tripFields = changedFields(before.autoTrip, after.autoTrip);
  if (tripFields.length)
    changes.push({ kind: 'autoTrip.update', before: before.autoTrip, after: after.autoTrip, fields: tripFields });
  return changes;
}
