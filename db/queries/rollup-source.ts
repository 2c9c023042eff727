// Where a range's rollups come from: hourly rows for the whole hours inside it and minute rows for
// the partial hours at its edges, so a 30-day read touches ~720 rows per key instead of ~43,200.
// Both tables count the same calls (written in one transaction), so the union is exact.
import { sql, type SQL } from 'drizzle-orm';
import { HOUR_MS, MINUTE_MS } from '@/lib/time/units';

export interface MinuteRange {
  /** Inclusive, on a whole minute. */
  from: Date;
  /** Exclusive, on a whole minute. */
  to: Date;
}

const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;

/**
 * The minute rows a window [from, to] reads: those that start in it, so the minute holding `to`
 * (calls just in) counts and the one holding an unaligned `from` does not.
 */
export function minuteRange(from: Date, to: Date): MinuteRange {
  return {
    from: new Date(ceilTo(from.getTime(), MINUTE_MS)),
    to: new Date(floorTo(to.getTime(), MINUTE_MS) + MINUTE_MS),
  };
}

const ROLLUP_COLUMNS = sql.raw(`bucket_start, feature_id, environment, model, route, calls, ok_calls, error_calls,
  err_timeout, err_rate_limit, err_server_error, err_network, err_content_filter, err_other, input_tokens, output_tokens,
  cached_input_tokens, cost_usd, costed_calls, scored_calls, score_sum, ttft_calls, ttft_sum_ms, latency_sum_ms,
  latency_hist, ttft_hist, cost_hist, score_hist`);

const ts = (d: Date | number) => sql`${new Date(d).toISOString()}::timestamptz`;

/**
 * A subquery (use as `from ${rollupSource(range)} r`) with the rollup rows of the range: rows of
 * call_rollups_hourly for the hours wholly inside it, rows of call_rollups for the rest. With
 * `minutesOnly`, minute rows throughout (for series finer than an hour). Filters on the outer
 * query (feature, environment) are pushed into both branches by Postgres.
 */
export function rollupSource(range: MinuteRange, options: { minutesOnly?: boolean } = {}): SQL {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const firstHour = ceilTo(from, HOUR_MS);
  const endHour = floorTo(to, HOUR_MS);
  if (options.minutesOnly || firstHour >= endHour) {
    return sql`(select ${ROLLUP_COLUMNS} from call_rollups where bucket_start >= ${ts(from)} and bucket_start < ${ts(to)})`;
  }
  return sql`(
    select ${ROLLUP_COLUMNS} from call_rollups_hourly where bucket_start >= ${ts(firstHour)} and bucket_start < ${ts(endHour)}
    union all
    select ${ROLLUP_COLUMNS} from call_rollups
    where (bucket_start >= ${ts(from)} and bucket_start < ${ts(firstHour)}) or (bucket_start >= ${ts(endHour)} and bucket_start < ${ts(to)})
  )`;
}
