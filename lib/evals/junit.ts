// JUnit XML of a run for CI test reports: one testsuite, one testcase per case × repeat, a
// <failure> with the reasons for each failed one (an <error> when the target failed).
import { failureReason } from './summary';
import type { RunResults } from './types';

/** Characters XML 1.0 cannot carry at all (NUL, most controls, unpaired surrogates). */
export const NOT_IN_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes element text; drops characters XML 1.0 cannot carry at all (NUL, most controls). */
export function escapeXmlText(text: string): string {
  return text.replace(NOT_IN_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value; line breaks and tabs as references, which parsers would otherwise fold to spaces. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

const seconds = (ms: number | null) => ((ms ?? 0) / 1000).toFixed(3);

export function toJUnitXml(run: RunResults): string {
  const repeats = Math.max(1, ...run.results.map((r) => r.repeat + 1));
  const failures = run.results.filter((r) => !r.passed && !r.error).length;
  const errors = run.results.filter((r) => r.error).length;
  const elapsed = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  const suiteName = escapeXmlAttribute(run.name ?? run.feature);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="switchboard eval" tests="${run.total}" failures="${failures}" errors="${errors}" time="${seconds(elapsed)}">`,
    `  <testsuite name="${suiteName}" tests="${run.total}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(elapsed)}" timestamp="${escapeXmlAttribute(run.startedAt)}">`,
  ];
  for (const r of run.results) {
    const name = escapeXmlAttribute(repeats > 1 ? `${r.name} [run ${r.repeat + 1}]` : r.name);
    const open = `    <testcase name="${name}" classname="${escapeXmlAttribute(run.feature)}" time="${seconds(r.latencyMs)}"`;
    if (r.passed) {
      lines.push(`${open}/>`);
      continue;
    }
    const reason = escapeXmlAttribute(failureReason(r));
    const body = escapeXmlText(
      [
        `why: ${failureReason(r)}`,
        `output: ${r.output ?? '(none)'}`,
        ...(r.expected ? [`expected: ${r.expected}`] : []),
      ].join('\n'),
    );
    const element = r.error ? 'error' : 'failure';
    lines.push(
      `${open}>`,
      `      <${element} message="${reason}" type="${r.error ? 'target-error' : 'assertion'}">${body}</${element}>`,
      '    </testcase>',
    );
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
