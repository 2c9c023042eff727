// Progress of a run on stderr: a bar redrawn in place on a terminal; in CI logs (not a TTY) a plain
// line about every 10%, so the log shows progress without thousands of lines.
import { formatDuration } from '@/lib/format/time';
import type { RunProgress } from './run';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const BAR_WIDTH = 24;

export function progressLine(p: RunProgress, elapsedMs: number, bar: boolean): string {
  const fraction = p.total ? p.done / p.total : 1;
  const eta = p.done && p.done < p.total ? ` ETA ${formatDuration((elapsedMs / p.done) * (p.total - p.done))}` : '';
  const filled = Math.round(fraction * BAR_WIDTH);
  const head = bar ? `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ` : 'eval: ';
  return `${head}${p.done}/${p.total} (${Math.floor(fraction * 100)}%)  passed ${p.passed}  failed ${p.failed}  ${formatDuration(elapsedMs)}${eta}`;
}

export function createProgressReporter(stream: ProgressStream, now: () => number = Date.now) {
  const started = now();
  let lastDecile = 0;
  let drawn = false;
  return {
    update(p: RunProgress) {
      const elapsed = now() - started;
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${progressLine(p, elapsed, true).slice(0, (stream.columns ?? 120) - 1)}`);
        drawn = true;
        return;
      }
      const decile = p.total ? Math.floor((p.done / p.total) * 10) : 10;
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${progressLine(p, elapsed, false)}\n`);
      }
    },
    /** Leaves the terminal on a fresh line for the summary. */
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
