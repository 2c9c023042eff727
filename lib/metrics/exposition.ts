// The Prometheus text exposition format 0.0.4 of a metrics snapshot.
import { FEATURE_STATUSES } from '@/lib/status/feature-status';
import { LATENCY_BUCKETS_SECONDS, type CallTotals, type MetricsSnapshot } from './collect';

export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function sample(name: string, labels: Record<string, string>, value: number): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return `${name}${pairs.length ? `{${pairs.join(',')}}` : ''} ${formatValue(value)}`;
}

function formatValue(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return Number.isNaN(value) ? 'NaN' : String(value);
}

function family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string, samples: string[]): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples];
}

/** Sums CallTotals rows that share a feature. */
function byFeature(totals: CallTotals[]): Map<string, CallTotals[]> {
  const map = new Map<string, CallTotals[]>();
  for (const row of totals) map.set(row.feature, [...(map.get(row.feature) ?? []), row]);
  return map;
}

const callsOf = (r: CallTotals) => r.okCalls + r.errorCalls;
const sum = (rows: CallTotals[], pick: (r: CallTotals) => number) => rows.reduce((s, r) => s + pick(r), 0);

export function renderExposition(snapshot: MetricsSnapshot): string {
  const features = byFeature(snapshot.totals);
  const perFeature = (fn: (feature: string, rows: CallTotals[]) => string[]) =>
    [...features].flatMap(([f, rows]) => fn(f, rows));
  const lines = [
    ...family(
      'switchboard_calls_total',
      'counter',
      'LLM calls reported to Switchboard, by feature, outcome (ok|error) and route (primary|fallback|cache|rule|killed).',
      snapshot.totals.flatMap((r) => [
        sample('switchboard_calls_total', { feature: r.feature, outcome: 'ok', route: r.route }, r.okCalls),
        sample('switchboard_calls_total', { feature: r.feature, outcome: 'error', route: r.route }, r.errorCalls),
      ]),
    ),
    ...family(
      'switchboard_tokens_total',
      'counter',
      'Tokens reported, by feature and direction (input|output).',
      perFeature((feature, rows) => [
        sample(
          'switchboard_tokens_total',
          { feature, direction: 'input' },
          sum(rows, (r) => r.inputTokens),
        ),
        sample(
          'switchboard_tokens_total',
          { feature, direction: 'output' },
          sum(rows, (r) => r.outputTokens),
        ),
      ]),
    ),
    ...family(
      'switchboard_cost_usd_total',
      'counter',
      'Cost in US dollars of the calls whose cost is known, by feature.',
      perFeature((feature, rows) => [
        sample(
          'switchboard_cost_usd_total',
          { feature },
          sum(rows, (r) => r.costUsd),
        ),
      ]),
    ),
    ...family(
      'switchboard_call_latency_seconds',
      'histogram',
      'Call latency in seconds, by feature.',
      perFeature((feature, rows) => [
        ...LATENCY_BUCKETS_SECONDS.map((le, i) =>
          sample(
            'switchboard_call_latency_seconds_bucket',
            { feature, le: String(le) },
            sum(rows, (r) => r.latencyBuckets[i]),
          ),
        ),
        sample('switchboard_call_latency_seconds_bucket', { feature, le: '+Inf' }, sum(rows, callsOf)),
        sample(
          'switchboard_call_latency_seconds_sum',
          { feature },
          sum(rows, (r) => r.latencySumSeconds),
        ),
        sample('switchboard_call_latency_seconds_count', { feature }, sum(rows, callsOf)),
      ]),
    ),
    ...family(
      'switchboard_switch_killed',
      'gauge',
      "1 when the feature's kill switch is killed, 0 when live.",
      snapshot.switches.map((s) => sample('switchboard_switch_killed', { feature: s.feature }, s.killed ? 1 : 0)),
    ),
    ...family(
      'switchboard_feature_status',
      'gauge',
      `The feature's status in production, as the overview shows it: 1 for the current status, 0 for the others (${FEATURE_STATUSES.join(', ')}).`,
      (snapshot.statuses ?? []).flatMap((s) =>
        FEATURE_STATUSES.map((status) =>
          sample('switchboard_feature_status', { feature: s.feature, status }, s.status === status ? 1 : 0),
        ),
      ),
    ),
    ...(snapshot.replica
      ? family(
          'switchboard_replica_lag_seconds',
          'gauge',
          'How far the read replica (DATABASE_READ_URL) is behind the primary; reads_from says where dashboard reads go.',
          snapshot.replica.lagSeconds === null || !snapshot.replica.reachable
            ? []
            : [
                sample(
                  'switchboard_replica_lag_seconds',
                  { reads_from: snapshot.replica.readsFrom },
                  snapshot.replica.lagSeconds,
                ),
              ],
        )
      : []),
  ];
  return `${lines.join('\n')}\n`;
}
