// Every feature that has eval runs: its latest run, the pass rates of its recent runs (the trend)
// and its baseline, for the evals page.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';

/** Runs in a feature's trend line. */
export const TREND_RUNS = 20;

export interface EvalRunBrief {
  id: number;
  startedAt: Date;
  passRate: number;
}

export interface FeatureEvalsSummary {
  feature: string;
  featureName: string | null;
  runs: number;
  latest: EvalRunBrief & { total: number; passed: number; threshold: number | null; environment: string };
  baseline: EvalRunBrief | null;
  /** Oldest first. */
  trend: EvalRunBrief[];
}

interface Row {
  key: string;
  name: string | null;
  runs: number;
  id: number;
  started_ms: number;
  pass_rate: number;
  total: number;
  passed: number;
  threshold: number | null;
  environment: string;
  baseline_id: number | null;
  baseline_ms: number | null;
  baseline_pass_rate: number | null;
  trend: { id: number; ms: number; passRate: number }[] | string;
}

export async function listFeatureEvalSummaries(db: Db): Promise<FeatureEvalsSummary[]> {
  const rows = resultRows<Row>(
    await db.execute(sql`
      select f.key, f.name,
             (select count(*) from eval_runs c where c.feature_id = f.id)::int as runs,
             l.id, (extract(epoch from l.started_at) * 1000)::float8 as started_ms, l.pass_rate, l.total, l.passed, l.threshold, l.environment,
             b.id as baseline_id, (extract(epoch from b.started_at) * 1000)::float8 as baseline_ms, b.pass_rate as baseline_pass_rate,
             (select json_agg(json_build_object('id', t.id, 'ms', (extract(epoch from t.started_at) * 1000)::float8, 'passRate', t.pass_rate) order by t.started_at, t.id)
                from (select id, started_at, pass_rate from eval_runs where feature_id = f.id order by started_at desc, id desc limit ${TREND_RUNS}) t) as trend
      from features f
      join lateral (select * from eval_runs r where r.feature_id = f.id order by r.started_at desc, r.id desc limit 1) l on true
      left join lateral (select * from eval_runs r where r.feature_id = f.id and r.is_baseline order by r.started_at desc limit 1) b on true
      order by f.key`),
  );
  return rows.map((r) => {
    const trend = typeof r.trend === 'string' ? (JSON.parse(r.trend) as Exclude<Row['trend'], string>) : r.trend;
    return {
      feature: r.key,
      featureName: r.name,
      runs: Number(r.runs),
      latest: {
        id: Number(r.id),
        startedAt: new Date(Number(r.started_ms)),
        passRate: Number(r.pass_rate),
        total: Number(r.total),
        passed: Number(r.passed),
        threshold: r.threshold === null ? null : Number(r.threshold),
        environment: r.environment,
      },
      baseline:
        r.baseline_id === null
          ? null
          : {
              id: Number(r.baseline_id),
              startedAt: new Date(Number(r.baseline_ms)),
              passRate: Number(r.baseline_pass_rate),
            },
      trend: trend.map((t) => ({ id: Number(t.id), startedAt: new Date(Number(t.ms)), passRate: Number(t.passRate) })),
    };
  });
}
