/** "1 min", "15 min", "1 h", "6 h": the width of a chart bucket. */
export function stepLabel(stepSeconds: number): string {
  return stepSeconds < 3_600 ? `${stepSeconds / 60} min` : `${stepSeconds / 3_600} h`;
}
