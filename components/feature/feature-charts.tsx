'use client';

// The feature page's charts for one view: the stats series shaped per chart, each SLO's
// threshold or objective as a line, the daily budget scaled to the step, and the markers.
import { CostChart } from '@/components/charts/cost-chart';
import { LatencyChart } from '@/components/charts/latency-chart';
import { RatioChart } from '@/components/charts/ratio-chart';
import { RequestsChart } from '@/components/charts/requests-chart';
import { RouteShareChart } from '@/components/charts/route-share-chart';
import { TokensChart } from '@/components/charts/tokens-chart';
import { formatCount, formatLatency, formatLatencyEstimate, formatPercent, formatUsd } from '@/lib/format/numbers';
import type { ChartMarker } from '@/lib/stats/chart-markers';
import type { FeatureStats } from '@/lib/stats/feature-stats';
import { MIN_SCORED_PER_POINT, rollingMeanScore } from '@/lib/stats/rolling-score';
import type { Budgets, Slo } from '@/lib/validations/slo';
import { stepLabel } from './step-label';

interface Props {
  stats: FeatureStats;
  slos: Slo[];
  budgets: Budgets | null;
  markers: ChartMarker[];
  evalRuns: { t: number; value: number }[];
}

const objectiveLabel = (slo: Slo) => `${slo.name}: ${formatPercent(slo.objective)}`;

export function FeatureCharts({ stats, slos, budgets, markers, evalRuns }: Props) {
  const domain: [number, number] = [Date.parse(stats.from), Date.parse(stats.to)];
  const stepMs = stats.stepSeconds * 1000;
  const step = stepLabel(stats.stepSeconds);
  const { totals } = stats;
  const rows = stats.series.map((p) => ({ ...p, t: Date.parse(p.start) }));

  const latencySlos = slos.filter((s) => s.sli === 'latency');
  const availabilitySlos = slos.filter((s) => s.sli === 'availability');
  const accuracySlos = slos.filter((s) => s.sli === 'accuracy');
  const perBucketBudget = budgets?.dailyUsd ? (budgets.dailyUsd * stats.stepSeconds) / 86_400 : null;
  const hasAccuracy = totals.scoredCalls > 0 || evalRuns.length > 0;
  const rollingScores = rollingMeanScore(stats.series);

  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <RequestsChart
        stepMs={stepMs}
        data={rows.map((p) => ({ t: p.t, ok: p.okCalls, ...p.errorsByType }))}
        domain={domain}
        markers={markers}
        description={`Calls per ${step}: ${formatCount(totals.calls)} in the range, ${formatCount(totals.errors)} errors.`}
      />
      <LatencyChart
        data={rows.map((p) => ({
          t: p.t,
          p50: p.latencyMs.p50,
          p95: p.latencyMs.p95,
          p99: p.latencyMs.p99,
          ttftP95: p.ttftMs.p95,
        }))}
        domain={domain}
        markers={markers}
        showTtft={latencySlos.some((s) => s.measure === 'ttft') || totals.ttftMs.p95 !== null}
        thresholds={latencySlos.map((s) => ({
          label: `${s.name}: ${s.measure === 'ttft' ? 'TTFT ' : ''}${formatLatency(s.thresholdMs)}`,
          thresholdMs: s.thresholdMs,
        }))}
        description={`Latency per ${step}: p50 ${formatLatencyEstimate(totals.latencyMs.p50)}, p95 ${formatLatencyEstimate(totals.latencyMs.p95)}, p99 ${formatLatencyEstimate(totals.latencyMs.p99)} over the range.`}
      />
      <RatioChart
        title="Availability"
        data={rows.map((p) => ({ t: p.t, availability: p.availability, primary: p.primaryAvailability }))}
        lines={[
          { key: 'availability', label: 'any route', color: 'var(--color-accent)' },
          { key: 'primary', label: 'primary only', color: '#0891b2' },
        ]}
        domain={domain}
        markers={markers}
        thresholds={availabilitySlos.map((s) => ({ label: objectiveLabel(s), y: s.objective }))}
        description={`Share of calls that succeeded per ${step}: ${formatPercent(totals.availability)} over the range (primary route only: ${formatPercent(totals.primaryAvailability)}).`}
      />
      {hasAccuracy ? (
        <RatioChart
          title="Accuracy"
          data={rows.map((p, i) => ({ t: p.t, meanScore: rollingScores[i] }))}
          lines={[
            {
              key: 'meanScore',
              label: `mean score of the last ${MIN_SCORED_PER_POINT}+ scored calls`,
              color: 'var(--color-accent)',
            },
          ]}
          points={evalRuns.length ? { label: 'eval run pass rate', color: '#d97706', data: evalRuns } : undefined}
          domain={domain}
          markers={markers}
          format={(v) => v.toFixed(2)}
          axisFormat={(v) => v.toFixed(2)}
          thresholds={accuracySlos.map((s) =>
            s.source === 'scores'
              ? { label: `${s.name}: score ≥ ${s.minScore}`, y: s.minScore ?? 0 }
              : { label: `${s.name}: ${formatPercent(s.objective)} pass`, y: s.objective },
          )}
          description={`Mean online score, each point over at least ${MIN_SCORED_PER_POINT} scored calls up to its ${step} (${formatCount(totals.scoredCalls)} scored calls, mean ${totals.meanScore?.toFixed(2) ?? '–'}) and ${evalRuns.length} eval runs.`}
        />
      ) : (
        <figure className="flex flex-col gap-1 rounded-lg border border-dashed border-border bg-panel p-3 text-sm">
          <h3 className="font-semibold">Accuracy</h3>
          <p className="text-muted">
            No scored calls and no eval runs in this range. Send a <code>score</code> (0–1) with calls, or upload eval
            runs with <code>switchboard eval --upload</code>.
          </p>
        </figure>
      )}
      <CostChart
        stepMs={stepMs}
        data={rows.map((p) => ({ t: p.t, costUsd: p.costUsd, costPerCallUsd: p.costPerCallUsd }))}
        domain={domain}
        markers={markers}
        budget={
          perBucketBudget === null
            ? null
            : {
                perBucketUsd: perBucketBudget,
                label: `daily budget ${formatUsd(budgets!.dailyUsd)} = ${formatUsd(perBucketBudget)} per ${step}`,
              }
        }
        description={`Spend per ${step}: ${formatUsd(totals.costUsd)} over the range, ${formatUsd(totals.costPerCallUsd)} per call.`}
      />
      <RouteShareChart
        data={rows.map((p) => ({
          t: p.t,
          ...(p.routeShare ?? { primary: null, fallback: null, cache: null, rule: null, killed: null }),
        }))}
        domain={domain}
        markers={markers}
        description={`Share of calls per route per ${step}: ${
          Object.entries(totals.routeShare ?? {})
            .filter(([, share]) => share > 0)
            .map(([route, share]) => `${route} ${formatPercent(share)}`)
            .join(', ') || 'no calls'
        }.`}
      />
      <TokensChart
        stepMs={stepMs}
        data={rows.map((p) => ({ t: p.t, input: p.tokens.input, output: p.tokens.output }))}
        domain={domain}
        markers={markers}
        description={`Tokens per ${step}: ${formatCount(totals.tokens.input)} input, ${formatCount(totals.tokens.output)} output over the range.`}
      />
    </div>
  );
}
