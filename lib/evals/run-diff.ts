// Two runs of a feature side by side, case by case (matched by name): what regressed, what was
// fixed, what stayed, and what is new or gone. A case's repeats count as its pass rate, so a case
// that passed 3 of 3 times before and 2 of 3 now has regressed.

export type CaseChange = 'regressed' | 'fixed' | 'new' | 'removed' | 'unchanged';

/** Worst first: the order of the compare page. */
export const CASE_CHANGES: readonly CaseChange[] = ['regressed', 'fixed', 'new', 'removed', 'unchanged'];

export interface CaseDiff<R> {
  name: string;
  change: CaseChange;
  /** Share of the case's repeats that passed; null when the run does not have the case. */
  basePassRate: number | null;
  headPassRate: number | null;
  base: R[];
  head: R[];
}

function byName<R extends { name: string; repeat: number }>(results: readonly R[]): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const r of results) (map.get(r.name) ?? map.set(r.name, []).get(r.name)!).push(r);
  for (const list of map.values()) list.sort((a, b) => a.repeat - b.repeat);
  return map;
}

const passRate = (results: readonly { passed: boolean }[]) =>
  results.length ? results.filter((r) => r.passed).length / results.length : null;

function changeOf(base: number | null, head: number | null): CaseChange {
  if (base === null) return 'new';
  if (head === null) return 'removed';
  return head < base ? 'regressed' : head > base ? 'fixed' : 'unchanged';
}

export function diffRuns<R extends { name: string; repeat: number; passed: boolean }>(
  base: readonly R[],
  head: readonly R[],
): CaseDiff<R>[] {
  const baseCases = byName(base);
  const headCases = byName(head);
  const names = [...new Set([...baseCases.keys(), ...headCases.keys()])];
  const diffs = names.map((name) => {
    const b = baseCases.get(name) ?? [];
    const h = headCases.get(name) ?? [];
    const basePassRate = passRate(b);
    const headPassRate = passRate(h);
    return { name, change: changeOf(basePassRate, headPassRate), basePassRate, headPassRate, base: b, head: h };
  });
  return diffs.sort(
    (a, b) => CASE_CHANGES.indexOf(a.change) - CASE_CHANGES.indexOf(b.change) || a.name.localeCompare(b.name),
  );
}

export function countChanges(diffs: readonly { change: CaseChange }[]): Record<CaseChange, number> {
  const counts: Record<CaseChange, number> = { regressed: 0, fixed: 0, new: 0, removed: 0, unchanged: 0 };
  for (const d of diffs) counts[d.change] += 1;
  return counts;
}
