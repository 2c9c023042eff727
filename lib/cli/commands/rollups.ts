import { z } from 'zod';
import { rebuildRollups } from '@/lib/rollups/rebuild';
import { clampToStoredCalls } from '@/lib/calls/retention';
import { defineCommand } from '../command';
import { withDatabase } from '../database';

const isoDate = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 timestamp with a time zone, e.g. 2025-01-31T12:00:00Z' })
  .transform((s) => new Date(s))
  .optional();

export const rollupsRebuild = defineCommand({
  path: ['rollups', 'rebuild'],
  summary: 'Recomputes the call rollups (what dashboards read) from the raw calls, for all time or a range.',
  usage: '[--from ISO] [--to ISO]',
  help: [
    'Minutes in the range are deleted and recomputed in one transaction; ingestion waits meanwhile.',
    'Rollups outlive raw calls: the range is narrowed to the days whose raw calls are still stored, so the',
    'history of days that retention dropped is left as it is.',
  ],
  options: {
    from: {
      type: 'string',
      value: 'ISO',
      description: 'Start of the range (inclusive; widened to the minute, and to the hour for hourly rollups).',
    },
    to: {
      type: 'string',
      value: 'ISO',
      description: 'End of the range (exclusive; widened to the minute, and to the hour for hourly rollups).',
    },
  },
  schema: z.object({ from: isoDate, to: isoDate }),
  async run(input) {
    await withDatabase(async ({ db }) => {
      const started = Date.now();
      const range = await clampToStoredCalls(db, input);
      if (!range)
        return console.log(
          'No raw calls are stored in that range (retention dropped them, or there were none): nothing to rebuild.',
        );
      const { rows } = await rebuildRollups(db, range);
      console.log(
        `Rebuilt ${rows} rollup row${rows === 1 ? '' : 's'} from ${range.from.toISOString()} to ${range.to?.toISOString() ?? 'now'} in ${Date.now() - started} ms.`,
      );
    });
  },
});
