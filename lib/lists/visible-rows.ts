// What a long list of features shows: every row with a problem, then a page of the rest, all
// narrowed by what was typed in its search field. Bounded, so that 500 features render as fast as 50
// (docs/overview.md, "At scale").

export interface VisibleRowsOptions<T> {
  /** What was typed: every word must appear (any case) in the row's text. */
  query: string;
  /** The text a row is found by: its key and name. */
  textOf: (row: T) => string;
  /** Rows with a problem are always shown, whatever the page size. */
  isProblem: (row: T) => boolean;
  /** How many rows without a problem to show. */
  restShown: number;
}

export interface VisibleRows<T> {
  /** The rows to render, in the list's order (it comes worst first). */
  rows: T[];
  /** Rows that match the query. */
  matching: number;
  /** Matching rows without a problem that are not shown (the next page). */
  hidden: number;
}

export function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function visibleRows<T>(items: readonly T[], options: VisibleRowsOptions<T>): VisibleRows<T> {
  const words = searchWords(options.query);
  const rows: T[] = [];
  let matching = 0;
  let rest = 0;
  for (const item of items) {
    if (words.length) {
      const text = options.textOf(item).toLowerCase();
      if (!words.every((w) => text.includes(w))) continue;
    }
    matching++;
    if (options.isProblem(item)) rows.push(item);
    else if (rest++ < options.restShown) rows.push(item);
  }
  return { rows, matching, hidden: Math.max(0, rest - options.restShown) };
}
