// Month-end spend forecast: what is spent so far plus, for every hour left in the UTC month, the
// feature's mean spend at that hour of day over the last 7 days. Hour-of-day aware, so a feature
// busy by day and idle by night is not extrapolated from its busiest hour.
import { HOUR_MS } from '@/lib/time/units';
import { floorToHour, spendBetween, utcHourOfDay, utcMonthEnd, utcMonthStart, type CostBucket } from './periods';
import { hourOfDayProfile } from './hourly-profile';

export const FORECAST_LOOKBACK_DAYS = 7;

export interface MonthForecast {
  /** Spent from the start of the UTC month until now. */
  spentUsd: number;
  /** Expected spend from now to the end of the month. */
  expectedRestUsd: number;
  forecastUsd: number;
  /** forecast / monthly budget, when one is set. */
  forecastRatio: number | null;
  /**
   * `hour_of_day`: the 7-day profile; `month_to_date`: no whole hour of history yet, so the
   * month-to-date rate continues; `none`: nothing spent and no history, forecast = spent.
   */
  method: 'hour_of_day' | 'month_to_date' | 'none';
  /** Whole hours of history behind the profile. */
  historyHours: number;
}

export function forecastMonthEnd(input: {
  buckets: readonly CostBucket[];
  now: Date;
  monthlyUsd?: number | null;
  since?: Date;
}): MonthForecast {
  const { buckets, now } = input;
  const monthStart = utcMonthStart(now);
  const monthEnd = utcMonthEnd(now);
  const spentUsd = spendBetween(buckets, monthStart, now);
  const profile = hourOfDayProfile({ buckets, end: now, lookbackDays: FORECAST_LOOKBACK_DAYS, since: input.since });

  let expectedRestUsd = 0;
  let method: MonthForecast['method'] = 'none';
  if (profile) {
    method = 'hour_of_day';
    // The rest of the current hour pro rata, then every whole hour to the month's end.
    const hourStart = floorToHour(now).getTime();
    expectedRestUsd = profile.meanUsd[now.getUTCHours()] * (1 - (now.getTime() - hourStart) / HOUR_MS);
    for (let t = hourStart + HOUR_MS; t < monthEnd.getTime(); t += HOUR_MS)
      expectedRestUsd += profile.meanUsd[utcHourOfDay(t)];
  } else if (spentUsd > 0 && now > monthStart) {
    method = 'month_to_date';
    expectedRestUsd = (spentUsd / (now.getTime() - monthStart.getTime())) * (monthEnd.getTime() - now.getTime());
  }
  const forecastUsd = spentUsd + expectedRestUsd;
  const monthly = input.monthlyUsd;
  return {
    spentUsd,
    expectedRestUsd,
    forecastUsd,
    forecastRatio: monthly && monthly > 0 ? forecastUsd / monthly : null,
    method,
    historyHours: profile?.hours ?? 0,
  };
}
