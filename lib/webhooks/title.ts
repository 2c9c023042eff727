// The one line a paging service shows for an alert.

/** The summary, naming the feature first: the evaluator's summaries already start with it. */
export function alertTitle(alert: { feature: string; summary: string }): string {
  const named = alert.summary.startsWith(`${alert.feature}/`) || alert.summary.startsWith(`${alert.feature}:`);
  return named ? alert.summary : `${alert.feature}: ${alert.summary}`;
}
