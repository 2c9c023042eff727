import { describe, expect, it } from 'vitest';
import { createProgressReporter, progressLine } from '@/lib/evals/progress';

describe('eval progress', () => {
  it('redraws one bar in place on a terminal, with passed, failed, elapsed and ETA', () => {
    let text = '';
    let now = 0;
    const progress = createProgressReporter({ isTTY: true, columns: 200, write: (t) => (text += t) }, () => now);
    now = 10_000;
    progress.update({ done: 5, total: 20, passed: 4, failed: 1 });
    expect(text).toBe('\r\x1b[2K[######------------------] 5/20 (25%)  passed 4  failed 1  10 s ETA 30 s');
    progress.finish();
    expect(text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('writes a plain line about every 10% when stderr is not a terminal (CI logs)', () => {
    const lines: string[] = [];
    const progress = createProgressReporter({ isTTY: false, write: (t) => lines.push(t) }, () => 0);
    for (let done = 0; done <= 40; done++) progress.update({ done, total: 40, passed: done, failed: 0 });
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('eval: 4/40 (10%)  passed 4  failed 0  0 s ETA 0 s\n');
    expect(lines[9]).toBe('eval: 40/40 (100%)  passed 40  failed 0  0 s\n');
    expect(progressLine({ done: 0, total: 0, passed: 0, failed: 0 }, 0, false)).toBe(
      'eval: 0/0 (100%)  passed 0  failed 0  0 s',
    );
  });
});
