// The readable end of a run on stdout: totals and the verdict, per-case pass rates over repeats,
// the failed cases with why they failed, and what changed against the baseline.
import { formatTable } from '@/lib/cli/table';
import { formatLatency, formatPercent, formatUsd } from '@/lib/format/numbers';
import { caseRates, describeRate } from './case-rates';
import type { Comparison } from './compare';
import type { RunResults } from './types';

const MAX_FAILED_ROWS = 50;

/** One line of at most `max` characters: whitespace folded, an ellipsis where it was cut. */
export function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** What failureReason reads: a run's CaseResult and an uploaded (or imported) result both fit. */
export interface FailedResult {
  error?: string | null;
  assertions?: readonly { type: string; passed: boolean; reason: string }[];
  score?: number | null;
}

/** Why a result failed: its error, else the reasons of its failing assertions. */
export function failureReason(result: FailedResult): string {
  if (result.error) return result.error;
  const failing = (result.assertions ?? []).filter((a) => !a.passed);
  if (!failing.length)
    return typeof result.score === 'number'
      ? `score ${result.score.toFixed(2)} is below the case's threshold`
      : 'failed';
  return failing.map((a) => `${a.type}: ${a.reason || 'failed'}`).join('; ');
}

export function formatSummary(run: RunResults, comparison?: Comparison): string {
  const repeats = Math.max(1, ...run.results.map((r) => r.repeat + 1));
  const verdict = run.passRate + 1e-9 >= run.threshold ? 'meets' : 'is BELOW';
  const cached = run.results.filter((r) => r.cached).length;
  const cost = run.results.reduce((sum, r) => sum + (r.costUsd ?? 0), 0);
  const costKnown = run.results.some((r) => r.costUsd !== null);
  const lines = [
    `${run.name ?? run.feature}: ${run.passed}/${run.total} passed, pass rate ${formatPercent(run.passRate)} ${verdict} the threshold ${formatPercent(run.threshold)}`,
    `  ${[
      run.target.model && `model ${run.target.model}`,
      repeats > 1 && `${repeats} repeats`,
      `${cached} cached`,
      `took ${formatLatency(Date.parse(run.finishedAt) - Date.parse(run.startedAt))}`,
      costKnown && `cost ${formatUsd(cost)}`,
    ]
      .filter(Boolean)
      .join(' · ')}`,
  ];
  if (repeats > 1) {
    const rates = caseRates(run.results);
    lines.push(
      '',
      'Pass rate per case:',
      indent(
        formatTable(
          ['case', 'passed', 'rate'],
          rates.map((r) => [r.name, `${r.passed}/${r.runs}`, formatPercent(r.passRate)]),
        ),
      ),
    );
  }
  const failed = run.results.filter((r) => !r.passed);
  if (failed.length) {
    const rows = failed
      .slice(0, MAX_FAILED_ROWS)
      .map((r) => [
        r.name,
        ...(repeats > 1 ? [String(r.repeat + 1)] : []),
        r.output === null ? '(no output)' : JSON.stringify(truncate(r.output, 50)),
        truncate(failureReason(r), 160),
      ]);
    const headers = ['case', ...(repeats > 1 ? ['run'] : []), 'output', 'why'];
    lines.push('', `Failed (${failed.length}):`, indent(formatTable(headers, rows)));
    if (failed.length > MAX_FAILED_ROWS)
      lines.push(`  … and ${failed.length - MAX_FAILED_ROWS} more (write them all with --output or --junit).`);
  }
  if (comparison) lines.push('', ...formatComparison(comparison));
  return lines.join('\n');
}

export function formatComparison(c: Comparison): string[] {
  const change = `${formatPercent(c.baselinePassRate)} → ${formatPercent(c.passRate)}, tolerance ${formatPercent(c.tolerance)}`;
  const lines = [`Against the baseline (${change}): ${c.regressed ? 'REGRESSED' : 'no regression'}`];
  const list = (title: string, changes: Comparison['regressedCases']) => {
    if (!changes.length) return;
    lines.push(`  ${title} (${changes.length}):`);
    for (const ch of changes) lines.push(`    ${ch.name}: ${describeRate(ch.before)} → ${describeRate(ch.after)}`);
  };
  list('Regressed', c.regressedCases);
  list('Fixed', c.fixedCases);
  if (c.newCases.length) lines.push(`  New (${c.newCases.length}): ${c.newCases.join(', ')}`);
  if (c.removedCases.length) lines.push(`  Not in this run (${c.removedCases.length}): ${c.removedCases.join(', ')}`);
  return lines;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
