// The demo's live status: one line per second with calls per second per feature and how they were
// served, so a person sees a kill switch move a feature to `killed` within a second.
import type { Route } from '@/lib/sdk/types';

export type Served = Route | 'error';
const ORDER: Served[] = ['primary', 'fallback', 'cache', 'rule', 'killed', 'error'];

export class StatusBoard {
  private window = new Map<string, Map<Served, number>>();
  private totals = new Map<Served, number>();

  constructor(private readonly features: readonly string[]) {}

  record(feature: string, served: Served): void {
    const counts = this.window.get(feature) ?? new Map<Served, number>();
    counts.set(served, (counts.get(served) ?? 0) + 1);
    this.window.set(feature, counts);
    this.totals.set(served, (this.totals.get(served) ?? 0) + 1);
  }

  /** The line for the `elapsedMs` since the last one, then starts a new window. */
  line(elapsedMs: number, at: Date, extra = ''): string {
    const seconds = Math.max(elapsedMs, 1) / 1000;
    let all = 0;
    const parts = this.features.map((feature) => {
      const counts = this.window.get(feature) ?? new Map();
      const n = [...counts.values()].reduce((s, c) => s + c, 0);
      all += n;
      const mix = ORDER.filter((r) => counts.get(r)).map((r) => `${r} ${counts.get(r)}`);
      return `${feature} ${(n / seconds).toFixed(1)}/s${mix.length ? ` (${mix.join(', ')})` : ''}`;
    });
    this.window = new Map();
    const time = at.toISOString().slice(11, 19);
    return `${time}  ${(all / seconds).toFixed(1)} calls/s │ ${parts.join(' │ ')}${extra ? ` │ ${extra}` : ''}`;
  }

  /** Calls per route since the start. */
  summary(): Record<Served, number> {
    return Object.fromEntries(ORDER.map((r) => [r, this.totals.get(r) ?? 0])) as Record<Served, number>;
  }
}
