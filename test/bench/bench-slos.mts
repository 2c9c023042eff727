// The SLOs and cost budgets the read benchmarks give every feature of a generated database, so the
// overview and the alert evaluator do the work they do in a real deployment: 4 SLOs per feature
// (availability 30 d, latency 28 d, cost 30 d, scores 7 d) and a daily and monthly budget.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url); // see switch-propagation.mts for why
const { sql } = require('drizzle-orm') as typeof import('drizzle-orm');
type Db = import('../../db/client.ts').Db;

/** Inserts the bench SLOs and budgets where missing (a feature's own are kept). */
export async function addBenchSlos(db: Db): Promise<void> {
  await db.execute(sql`
    insert into slos (feature_id, name, sli, config, objective, window_days, environment)
    select f.id, s.name, s.sli::sli, s.config::jsonb, s.objective, s.days, 'production'
    from features f, (values
      ('bench-up', 'availability', '{"countFallbackAsGood": true}', 0.995, 30),
      ('bench-fast', 'latency', '{"measure": "total", "thresholdMs": 2000}', 0.99, 28),
      ('bench-cheap', 'cost', '{"maxCostUsd": 0.02}', 0.99, 30),
      ('bench-scored', 'accuracy', '{"source": "scores", "minScore": 0.7}', 0.9, 7)
    ) as s(name, sli, config, objective, days)
    on conflict do nothing`);
  await db.execute(
    sql`insert into cost_budgets (feature_id, daily_usd, monthly_usd) select id, 50, 1200 from features on conflict do nothing`,
  );
}
