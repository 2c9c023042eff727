// JUnit XML results (pytest --junitxml, DeepEval's pytest tests, any JUnit writer) as an eval run
// upload, so evals written in any language reach the dashboard, the baseline diff and the accuracy
// SLO. One case per <testcase>, named `classname::name`; it passes unless it has a <failure> or an
// <error>; a skipped one (<skipped>, pytest's skip and xfail) is left out of the run and counted.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { EvalRunUpload } from '@/lib/validations/eval-run';
import type { RunImportOptions } from './promptfoo';
import { parseXml, XmlSyntaxError, type XmlElement } from './xml';

/** Larger files are refused before they are read: 10,000 cases with tracebacks fit well within. */
export const MAX_JUNIT_BYTES = 20 * 1024 * 1024;
/** As many results as a run upload holds. */
const MAX_CASES = 10_000;
const MAX_NAME = 200;
const MAX_OUTPUT = 100_000;
const MAX_REASON = 5_000;

/** The file is not JUnit XML (or not XML); `problems` name where, one per line. */
export class JUnitFormatError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'JUnitFormatError';
  }
}

const OutcomeSchema = z.object({ message: z.string().optional(), text: z.string() });
const TestCaseSchema = z.object({
  name: z.string({ error: 'needs a name attribute' }).trim().min(1, 'needs a non-empty name attribute'),
  classname: z.string().trim().optional(),
  time: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?([eE][+-]?\d+)?$/, 'time must be a number of seconds, e.g. time="0.25"')
    .transform(Number)
    .optional(),
  failures: z.array(OutcomeSchema),
  errors: z.array(OutcomeSchema),
  skipped: z.boolean(),
  systemOut: z.string(),
});
type TestCase = z.output<typeof TestCaseSchema>;

export interface JUnitImport {
  run: EvalRunUpload;
  /** Skipped testcases, not in the run. */
  skipped: number;
}

export function junitToUpload(xml: string, options: RunImportOptions): JUnitImport {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw new JUnitFormatError([`not well-formed XML: ${err.message}`]);
    throw err;
  }
  if (root.name !== 'testsuites' && root.name !== 'testsuite') {
    throw new JUnitFormatError([
      `the root element is <${root.name}>; JUnit XML has <testsuites> or <testsuite> (pytest --junitxml=results.xml writes it)`,
    ]);
  }
  const suites = testsuites(root);
  const elements = suites.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));
  if (!elements.length)
    throw new JUnitFormatError(['it has no <testcase> elements: no test ran, or this is not a test report']);
  if (elements.length > MAX_CASES)
    throw new JUnitFormatError([
      `it has ${elements.length.toLocaleString('en')} testcases; a run holds at most ${MAX_CASES.toLocaleString('en')}`,
    ]);

  const problems: string[] = [];
  const cases = elements.flatMap((element) => {
    const parsed = TestCaseSchema.safeParse(readTestCase(element));
    if (parsed.success) return [parsed.data];
    const which = element.attributes.name ? ` "${element.attributes.name}"` : '';
    problems.push(...parsed.error.issues.map((i) => `line ${element.line}: <testcase>${which} ${i.message}`));
    return [];
  });
  if (problems.length)
    throw new JUnitFormatError(
      problems.length > 20 ? [...problems.slice(0, 20), `… and ${problems.length - 20} more`] : problems,
    );

  const ran = cases.filter((c) => !c.skipped || c.failures.length || c.errors.length);
  if (!ran.length)
    throw new JUnitFormatError([`all ${cases.length} testcases were skipped: there is nothing to import`]);
  const repeats = new Map<string, number>();
  const results = ran.map((c) => {
    const name = caseName(c);
    const repeat = repeats.get(name) ?? 0;
    repeats.set(name, repeat + 1);
    return toResult(c, name, repeat);
  });
  return { run: { ...runLabels(suites, options), results }, skipped: cases.length - ran.length };
}

/** Every testsuite, also nested ones (some writers nest them, by package). */
function testsuites(element: XmlElement): XmlElement[] {
  const own = element.name === 'testsuite' ? [element] : [];
  return [
    ...own,
    ...element.children.filter((c) => c.name === 'testsuite' || c.name === 'testsuites').flatMap(testsuites),
  ];
}

function readTestCase(element: XmlElement) {
  const outcomes = (name: string) =>
    element.children.filter((c) => c.name === name).map((c) => ({ message: c.attributes.message, text: c.text }));
  return {
    name: element.attributes.name,
    classname: element.attributes.classname,
    time: element.attributes.time,
    failures: outcomes('failure'),
    errors: outcomes('error'),
    skipped: element.children.some((c) => c.name === 'skipped'),
    systemOut: element.children
      .filter((c) => c.name === 'system-out')
      .map((c) => c.text)
      .join('\n')
      .trim(),
  };
}

/** `classname::name`, cut to what a case name holds with a hash that keeps it unique. */
function caseName(c: TestCase): string {
  const full = c.classname ? `${c.classname}::${c.name}` : c.name;
  if (full.length <= MAX_NAME) return full;
  return `${full.slice(0, MAX_NAME - 9)}…${createHash('sha256').update(full).digest('hex').slice(0, 8)}`;
}

/** The message attribute, else the last line of the element's text (a traceback ends with the exception). */
function reasonOf(outcome: z.output<typeof OutcomeSchema>, otherwise: string): string {
  const reason = outcome.message?.trim() || outcome.text.trim().split('\n').at(-1)?.trim() || otherwise;
  return reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason;
}

function toResult(c: TestCase, name: string, repeat: number): EvalRunUpload['results'][number] {
  const passed = !c.failures.length && !c.errors.length;
  return {
    name,
    repeat,
    passed,
    score: passed ? 1 : 0,
    weight: 1,
    vars: {},
    output: c.systemOut ? c.systemOut.slice(0, MAX_OUTPUT) : null,
    expected: null,
    assertions: c.failures
      .slice(0, 100)
      .map((f) => ({ type: 'failure', passed: false, score: 0, weight: 1, reason: reasonOf(f, 'failed') })),
    latencyMs: c.time === undefined ? null : Math.round(c.time * 1000),
    costUsd: null,
    error: c.errors.length
      ? c.errors
          .map((e) => reasonOf(e, 'error'))
          .join('; ')
          .slice(0, MAX_REASON)
      : null,
  };
}

/** When the suites ran (pytest writes local time without an offset: read as this machine's). */
function runLabels(suites: XmlElement[], options: RunImportOptions): Omit<EvalRunUpload, 'results'> {
  const spans = suites.flatMap((s) => {
    const start = Date.parse(s.attributes.timestamp ?? '');
    const seconds = Number(s.attributes.time);
    return Number.isNaN(start)
      ? []
      : [{ start, end: Number.isFinite(seconds) && seconds >= 0 ? start + seconds * 1000 : undefined }];
  });
  const started = spans.length ? Math.min(...spans.map((s) => s.start)) : Date.now();
  const ends = spans.flatMap((s) => (s.end === undefined ? [] : [s.end]));
  return {
    feature: options.feature,
    ...(options.name ? { name: options.name } : {}),
    startedAt: new Date(started).toISOString(),
    ...(ends.length ? { finishedAt: new Date(Math.max(...ends)).toISOString() } : {}),
    ...(options.gitCommit ? { gitCommit: options.gitCommit } : {}),
    ...(options.gitBranch ? { gitBranch: options.gitBranch } : {}),
    environment: options.environment ?? 'production',
  };
}
