// A run in GitHub Actions (`--github`): a Markdown summary for the job's page (appended to the file
// $GITHUB_STEP_SUMMARY names) with the pass rate, the change against the baseline and the regressed
// cases, and an `::error` workflow command per regressed case, which GitHub shows as an annotation.
import fs from 'node:fs/promises';
import { formatPercent } from '@/lib/format/numbers';
import { describeRate, weightedPassRate } from './case-rates';
import type { Comparison } from './compare';
import { failureReason, truncate, type FailedResult } from './summary';

export interface GitHubReport {
  /** The run's name, else its feature. */
  title: string;
  feature: string;
  results: readonly (FailedResult & { name: string; passed: boolean; weight?: number })[];
  threshold?: number;
  comparison?: Comparison;
  /** The file the annotations point at (the eval file), as the workflow's checkout names it. */
  file?: string;
  /** The uploaded run on the dashboard. */
  url?: string;
}

const MAX_ROWS = 50;

/** Workflow-command data: `%`, CR and LF escaped (GitHub's toCommandValue/escapeData). */
export const escapeWorkflowData = (text: string) =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Workflow-command property values: the data escapes, and `:` and `,`, which end a property. */
export const escapeWorkflowProperty = (text: string) =>
  escapeWorkflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,title=…::message` */
export function workflowError(message: string, properties: { title?: string; file?: string }): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${escapeWorkflowProperty(value!)}`)
    .join(',');
  return `::error${props ? ` ${props}` : ''}::${escapeWorkflowData(message)}`;
}

/** Markdown text in a table cell or a line: no markup, no HTML, no breaking the table. */
const md = (text: string) => truncate(text, 300).replace(/[\\`*_{}[\]<>|~&#!]/g, '\\$&');
const signed = (share: number) =>
  `${share > 0 ? '+' : share < 0 ? '−' : '±'}${Math.abs(share * 100).toFixed(1)} points`;

/** Why the case's latest failing result failed. */
function whyFailed(report: GitHubReport, name: string): string {
  const failed = report.results.filter((r) => r.name === name && !r.passed).at(-1);
  return failed ? failureReason(failed) : '';
}

export function githubSummary(report: GitHubReport): string {
  const passed = report.results.filter((r) => r.passed).length;
  const rate = weightedPassRate(report.results);
  const c = report.comparison;
  const belowThreshold = report.threshold !== undefined && rate + 1e-9 < report.threshold;
  // Without a threshold or a baseline (an import without one) nothing says whether the run is good.
  const icon = belowThreshold || c?.regressed ? '❌ ' : report.threshold !== undefined || c ? '✅ ' : '';
  const lines = [
    `### ${icon}Eval: ${md(report.title)}${report.title !== report.feature ? ` (${md(report.feature)})` : ''}`,
    '',
  ];
  const threshold =
    report.threshold === undefined
      ? ''
      : `, ${belowThreshold ? '**below** the threshold' : 'meets the threshold'} ${formatPercent(report.threshold)}`;
  lines.push(`**Pass rate ${formatPercent(rate)}** (${passed} of ${report.results.length} passed)${threshold}.`, '');
  if (c) {
    const verdict = c.regressed
      ? `**regressed** by more than the tolerance ${formatPercent(c.tolerance)}`
      : `no regression (tolerance ${formatPercent(c.tolerance)})`;
    lines.push(
      `Against the baseline: ${formatPercent(c.baselinePassRate)} → ${formatPercent(c.passRate)} (${signed(c.passRate - c.baselinePassRate)}): ${verdict}.`,
      '',
    );
    const counts = [
      `${c.regressedCases.length} regressed`,
      `${c.fixedCases.length} fixed`,
      `${c.newCases.length} new`,
      `${c.removedCases.length} not in this run`,
    ];
    lines.push(`Cases: ${counts.join(' · ')}.`, '');
    if (c.regressedCases.length) {
      lines.push(
        `#### Regressed cases (${c.regressedCases.length})`,
        '',
        '| Case | Baseline | Now | Why |',
        '| --- | --- | --- | --- |',
      );
      for (const ch of c.regressedCases.slice(0, MAX_ROWS)) {
        lines.push(
          `| ${md(ch.name)} | ${describeRate(ch.before)} | ${describeRate(ch.after)} | ${md(whyFailed(report, ch.name))} |`,
        );
      }
      if (c.regressedCases.length > MAX_ROWS) lines.push('', `… and ${c.regressedCases.length - MAX_ROWS} more.`);
      lines.push('');
    }
  } else {
    lines.push(
      'No baseline to compare against: mark a run as the baseline on the dashboard, or pass `--baseline results.json`.',
      '',
    );
  }
  const failed = report.results.filter((r) => !r.passed);
  if (failed.length) {
    lines.push(`<details><summary>Failed (${failed.length})</summary>`, '', '| Case | Why |', '| --- | --- |');
    for (const r of failed.slice(0, MAX_ROWS)) lines.push(`| ${md(r.name)} | ${md(failureReason(r))} |`);
    if (failed.length > MAX_ROWS) lines.push('', `… and ${failed.length - MAX_ROWS} more.`);
    lines.push('', '</details>', '');
  }
  if (report.url) lines.push(`[The run on Switchboard](${encodeURI(report.url)})`, '');
  return `${lines.join('\n')}\n`;
}

/** One `::error` per regressed case. */
export function regressionAnnotations(report: GitHubReport): string[] {
  return (report.comparison?.regressedCases ?? []).map((ch) => {
    const why = whyFailed(report, ch.name);
    const message = `${ch.name} regressed against the baseline: ${describeRate(ch.before)} → ${describeRate(ch.after)}${why ? `. ${truncate(why, 500)}` : ''}`;
    return workflowError(message, {
      file: report.file,
      title: `Eval regression in ${report.feature}: ${truncate(ch.name, 100)}`,
    });
  });
}

/**
 * Appends the summary to `summaryFile` (GitHub's $GITHUB_STEP_SUMMARY) and prints the annotations
 * to stdout, where the runner reads workflow commands. Without the file, says so on stderr.
 */
export async function reportToGitHub(report: GitHubReport, summaryFile: string | undefined): Promise<void> {
  if (summaryFile) {
    try {
      await fs.appendFile(summaryFile, githubSummary(report));
    } catch (err) {
      console.error(
        `switchboard: cannot append the summary to $GITHUB_STEP_SUMMARY (${summaryFile}): ${(err as Error).message}`,
      );
    }
  } else {
    console.error(
      'switchboard: --github: $GITHUB_STEP_SUMMARY is not set (not in GitHub Actions?), so no job summary was written; the annotations follow.',
    );
  }
  for (const line of regressionAnnotations(report)) console.log(line);
}
