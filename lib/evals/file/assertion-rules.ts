// What each assertion type of an eval file takes, checked when the file is loaded so that a bad
// regex or schema stops the run before any target is called, with the field that is wrong.
import { compileExpression } from '../assertions/javascript';
import { compileJsonSchema } from '../assertions/json';
import { DEFAULT_RUBRIC_THRESHOLD } from '../assertions/llm-rubric';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../assertions/similar';
import { compileRegex } from '../assertions/text';
import { ASSERTION_TYPES, type Assertion, type AssertionType } from '../types';

/** An assertion as written, its fields' types already checked by the schema. */
export interface WrittenAssertion {
  type: string;
  value?: unknown;
  threshold?: number;
  weight: number;
}

export interface AssertionProblem {
  field: 'type' | 'value' | 'threshold';
  message: string;
}

export const WRITTEN_TYPES = new Set<string>(ASSERTION_TYPES.flatMap((t) => [t, `not-${t}`]));

export function splitType(written: string): { type: AssertionType; not: boolean } {
  const not = written.startsWith('not-');
  return { type: (not ? written.slice(4) : written) as AssertionType, not };
}

const isText = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** The problems of one value by type; each throws or returns a message, undefined when fine. */
const VALUE_RULES: Record<AssertionType, (value: unknown) => string | undefined> = {
  equals: (v) =>
    v === undefined || isText(v)
      ? undefined
      : "value must be text (or leave it out to compare with the case's expected output).",
  contains: requiredText,
  icontains: requiredText,
  'starts-with': requiredText,
  'contains-any': textList,
  'contains-all': textList,
  regex: (v) =>
    typeof v !== 'string' || !v
      ? 'value must be a regular expression, e.g. "^Sorry".'
      : compiles(() => compileRegex(v)),
  'is-json': (v) =>
    v === undefined ? undefined : 'is-json takes no value; use json-schema to check the shape of the JSON.',
  'json-schema': (v) =>
    v === undefined
      ? 'value must be a JSON schema, e.g. { type: object, required: [answer] }.'
      : compiles(() => compileJsonSchema(v)),
  javascript: (v) =>
    typeof v !== 'string' || !v.trim()
      ? 'value must be a JavaScript expression, e.g. "output.length < 200".'
      : compiles(() => compileExpression(v)),
  similar: (v) =>
    v === undefined || typeof v === 'string'
      ? undefined
      : "value must be the text to compare with (or leave it out to use the case's expected output).",
  'llm-rubric': (v) =>
    typeof v === 'string' && v.trim()
      ? undefined
      : 'value must be the rubric the judge grades by, e.g. "Is polite and offers a refund".',
  latency: (v) =>
    typeof v === 'number' && v > 0
      ? undefined
      : 'the latency limit must be a number of milliseconds above 0, e.g. 2000.',
  cost: (v) =>
    typeof v === 'number' && v >= 0 ? undefined : 'the cost limit must be a number of US dollars, e.g. 0.01.',
};

function requiredText(v: unknown) {
  if (v === undefined) return 'value is required: the text to look for.';
  if (!isText(v)) return 'value must be text.';
  return String(v) === '' ? 'value must not be empty (every output contains "").' : undefined;
}

function textList(v: unknown) {
  if (!Array.isArray(v) || v.length === 0 || !v.every(isText))
    return 'value must be a list of texts, e.g. [refund, "store credit"].';
  return v.some((s) => String(s) === '') ? 'value must not hold an empty text.' : undefined;
}

function compiles(compile: () => unknown): string | undefined {
  try {
    compile();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Types whose threshold is a score in [0, 1], and their default. */
const SCORE_THRESHOLDS: Partial<Record<AssertionType, number | undefined>> = {
  similar: DEFAULT_SIMILARITY_THRESHOLD,
  'llm-rubric': DEFAULT_RUBRIC_THRESHOLD,
  javascript: undefined,
};
/** Types whose limit may be written as `threshold` as well as `value`. */
const LIMITS = new Set<AssertionType>(['latency', 'cost']);

export function assertionProblems(written: WrittenAssertion): AssertionProblem[] {
  if (!WRITTEN_TYPES.has(written.type)) {
    return [
      {
        field: 'type',
        message: `Unknown assertion type "${written.type}"; use one of ${ASSERTION_TYPES.join(', ')} (each may start with "not-").`,
      },
    ];
  }
  const { type } = splitType(written.type);
  const { threshold } = written;
  if (LIMITS.has(type) && threshold !== undefined) {
    if (written.value !== undefined)
      return [{ field: 'threshold', message: `Give the ${type} limit once: as value or as threshold.` }];
    const problem = VALUE_RULES[type](threshold);
    return problem ? [{ field: 'threshold', message: problem }] : [];
  }
  const problems: AssertionProblem[] = [];
  const valueProblem = VALUE_RULES[type](written.value);
  if (valueProblem) problems.push({ field: 'value', message: valueProblem });
  if (threshold !== undefined && !(type in SCORE_THRESHOLDS)) {
    problems.push({
      field: 'threshold',
      message: `${type} takes no threshold; only similar, llm-rubric, javascript, latency and cost do.`,
    });
  } else if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
    problems.push({
      field: 'threshold',
      message: `The threshold of ${type} is a score from 0 to 1, e.g. 0.8; ${threshold} is outside.`,
    });
  }
  return problems;
}

/** The assertion as the checks take it: `not-` parsed, limits in value, score thresholds defaulted. */
export function toAssertion(written: WrittenAssertion): Assertion {
  const { type, not } = splitType(written.type);
  const limit = LIMITS.has(type) ? (written.value ?? written.threshold) : undefined;
  const assertion: Assertion = { type, not, weight: written.weight };
  const value = limit ?? written.value;
  if (value !== undefined) assertion.value = normalizeValue(type, value);
  const threshold = LIMITS.has(type) ? undefined : (written.threshold ?? SCORE_THRESHOLDS[type]);
  if (threshold !== undefined) assertion.threshold = threshold;
  return assertion;
}

/** Texts written as YAML numbers or booleans (`contains: 42`) are compared as the text they show. */
function normalizeValue(type: AssertionType, value: unknown): unknown {
  if (type === 'contains-any' || type === 'contains-all') return (value as unknown[]).map(String);
  if (['equals', 'contains', 'icontains', 'starts-with'].includes(type)) return String(value);
  return value;
}
