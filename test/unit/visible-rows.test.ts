// What a long list shows (lib/lists/visible-rows.ts): every problem, a page of the rest, narrowed by the search.
import { describe, expect, it } from 'vitest';
import { visibleRows } from '@/lib/lists/visible-rows';

interface Row {
  key: string;
  name: string;
  bad: boolean;
}
const rows: Row[] = [
  { key: 'support-agent', name: 'Support agent', bad: true },
  { key: 'moderation', name: 'Moderation', bad: true },
  ...Array.from({ length: 40 }, (_, i) => ({ key: `feature-${i}`, name: i === 7 ? 'Search rerank' : '', bad: false })),
];
const options = { textOf: (r: Row) => `${r.key} ${r.name}`, isProblem: (r: Row) => r.bad, restShown: 10 };

describe('visibleRows', () => {
  it('shows every problem and a page of the rest, in the list’s order', () => {
    const shown = visibleRows(rows, { ...options, query: '' });
    expect(shown.rows.map((r) => r.key)).toEqual([
      'support-agent',
      'moderation',
      ...Array.from({ length: 10 }, (_, i) => `feature-${i}`),
    ]);
    expect(shown).toMatchObject({ matching: 42, hidden: 30 });
    expect(visibleRows(rows, { ...options, query: '', restShown: 100 })).toMatchObject({ hidden: 0 });
  });

  it('finds by key or name, any case, every word typed', () => {
    expect(visibleRows(rows, { ...options, query: 'FEATURE-3' }).rows.map((r) => r.key)).toEqual(
      ['feature-3', ...Array.from({ length: 10 }, (_, i) => `feature-3${i}`)].slice(0, 10),
    );
    expect(visibleRows(rows, { ...options, query: 'feature-3' })).toMatchObject({ matching: 11, hidden: 1 });
    expect(visibleRows(rows, { ...options, query: '  search   RERANK ' }).rows.map((r) => r.key)).toEqual([
      'feature-7',
    ]);
    expect(visibleRows(rows, { ...options, query: 'agent support' }).rows.map((r) => r.key)).toEqual(['support-agent']);
    expect(visibleRows(rows, { ...options, query: 'nothing like it' })).toEqual({ rows: [], matching: 0, hidden: 0 });
  });
});
