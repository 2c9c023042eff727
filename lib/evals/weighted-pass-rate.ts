// The figures of a run as the server counts them from its results (clients' own are not trusted).

export interface RunFigures {
  /** Results: cases × repeats. */
  total: number;
  passed: number;
  /** Σ weight·passed / Σ weight; when every weight is 0, the plain share of passed results. */
  passRate: number;
}

export function runFigures(results: readonly { passed: boolean; weight: number }[]): RunFigures {
  let weight = 0;
  let passedWeight = 0;
  let passed = 0;
  for (const r of results) {
    weight += r.weight;
    if (r.passed) {
      passedWeight += r.weight;
      passed += 1;
    }
  }
  const total = results.length;
  const passRate = weight > 0 ? passedWeight / weight : total > 0 ? passed / total : 0;
  return { total, passed, passRate };
}
