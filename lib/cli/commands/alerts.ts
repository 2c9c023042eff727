// `switchboard alerts evaluate`: the alert evaluator as its own process (one round, or every minute).
import { z } from 'zod';
import type { AlertRound } from '@/lib/alerts/evaluate';
import { FeatureKeySchema } from '@/lib/validations/slo';
import { defineCommand, UsageError } from '../command';
import { withDatabase } from '../database';

function describeRound(round: AlertRound): string {
  if (!round.ran) return 'Another instance is evaluating this round; skipped.';
  const trips = round.trips.filter((t) => t.flipped).map((t) => ` Auto-trip killed ${t.feature} (${t.policy}).`);
  return `Evaluated ${round.features} feature${round.features === 1 ? '' : 's'}: ${round.firing} alert condition${round.firing === 1 ? '' : 's'} firing, ${round.opened.length} opened, ${round.resolved.length} resolved, ${round.deliveriesQueued} webhook deliver${round.deliveriesQueued === 1 ? 'y' : 'ies'} queued.${trips.join('')}`;
}

export const alertsEvaluate = defineCommand({
  path: ['alerts', 'evaluate'],
  summary: 'Evaluates every SLO and cost budget, opens and resolves alerts and applies auto-trip policies.',
  usage: '[--once | --loop] [--feature KEY]',
  help: [
    'The server does this every minute (unless SWITCHBOARD_ALERT_EVALUATOR=0); run it here to evaluate from a process of its own.',
    'Several evaluators on one Postgres database never double-fire: each round takes an advisory lock, and whoever does not get it skips the round.',
    'Webhook deliveries are queued in the database and sent by the servers. On the embedded database, stop the server first (one process per data folder).',
  ],
  options: {
    once: { type: 'boolean', description: 'One round, then exit (the default).' },
    loop: { type: 'boolean', description: 'A round every minute until interrupted.' },
    feature: {
      type: 'string',
      value: 'KEY',
      description: "Only this feature (other features' alerts are left as they are).",
    },
  },
  schema: z.object({
    once: z.boolean().optional(),
    loop: z.boolean().optional(),
    feature: FeatureKeySchema.optional(),
  }),
  async run(input) {
    if (input.once && input.loop) throw new UsageError('Give --once or --loop, not both.');
    // Loaded here, so that other commands do not pay for the evaluator's imports at start.
    const { evaluateAlerts } = await import('@/lib/alerts/evaluate');
    const { startAlertEvaluator } = await import('@/lib/alerts/evaluator-loop');
    const featureKeys = input.feature ? [input.feature] : undefined;
    await withDatabase(async (database) => {
      const { db } = database;
      const round = () => evaluateAlerts(db, { now: new Date(), featureKeys });
      if (!input.loop) return console.log(describeRound(await round()));
      // Rounds reuse what earlier ones read; late calls and rebuilds in the server must reach them.
      const { followRollupChanges } = await import('@/lib/rollups/bucket-cache');
      await followRollupChanges(database);
      console.log(describeRound(await round()));
      const evaluator = startAlertEvaluator(db, {
        featureKeys,
        onRound: (r) => console.log(`${new Date().toISOString()} ${describeRound(r)}`),
      });
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await evaluator.stop();
    });
  },
});
