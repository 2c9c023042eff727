// A run's results per case (its repeats together), failures first: what a person opens a run for.

export interface CaseGroup<R> {
  name: string;
  /** Share of the case's repeats that passed. */
  passRate: number;
  results: R[];
}

export function groupCases<R extends { name: string; repeat: number; passed: boolean }>(
  results: readonly R[],
): CaseGroup<R>[] {
  const map = new Map<string, R[]>();
  for (const r of results) (map.get(r.name) ?? map.set(r.name, []).get(r.name)!).push(r);
  return [...map]
    .map(([name, list]) => ({
      name,
      passRate: list.filter((r) => r.passed).length / list.length,
      results: list.sort((a, b) => a.repeat - b.repeat),
    }))
    .sort((a, b) => a.passRate - b.passRate || a.name.localeCompare(b.name));
}
