import { z } from 'zod';
import { applyRetention, RetentionDaysSchema } from '@/lib/calls/retention';
import { defineCommand } from '../command';
import { withDatabase } from '../database';

export const retention = defineCommand({
  path: ['retention'],
  summary: 'Drops the days of raw calls (and their bodies) older than the retention period; rollups are kept.',
  usage: '[--days N] [--dry-run]',
  help: [
    'The server does this every hour. Whole UTC days go: a day is dropped once all of it is older than N days.',
    'N is the retentionDays setting (default 30), or SWITCHBOARD_RETENTION_DAYS when set.',
  ],
  options: {
    days: { type: 'string', value: 'N', description: 'Keep N days this time instead of the configured period.' },
    'dry-run': { type: 'boolean', description: 'Print what would be dropped; drop nothing.' },
  },
  schema: z.object({ days: RetentionDaysSchema.optional(), 'dry-run': z.boolean().optional() }),
  async run(input) {
    await withDatabase(async ({ db }) => {
      const dryRun = input['dry-run'] ?? false;
      const { days, keptFrom, dropped } = await applyRetention(db, { days: input.days, dryRun });
      const kept = `Keeping ${days} day${days === 1 ? '' : 's'}: calls from ${keptFrom.toISOString()} on.`;
      if (dropped.length === 0) return console.log(`${kept} Nothing to drop.`);
      const byDay = new Map<string, string[]>();
      for (const { day, table } of dropped) byDay.set(day, [...(byDay.get(day) ?? []), table]);
      console.log(`${kept} ${dryRun ? 'Would drop' : 'Dropped'} ${byDay.size} day${byDay.size === 1 ? '' : 's'}:`);
      for (const [day, tables] of byDay) console.log(`  ${day}  ${tables.join(', ')}`);
    });
  },
});
