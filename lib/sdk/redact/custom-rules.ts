// Admin-defined redaction rules (the redaction_rules table): checked and compiled once, so that a
// broken or dangerous pattern is skipped with a warning instead of failing or stalling ingestion.

export interface RedactionRuleSource {
  id?: number;
  name: string;
  pattern: string;
  placeholder: string;
  enabled?: boolean;
}

export interface CompiledRule {
  name: string;
  /** The counted name, e.g. `EMPLOYEE_ID`; matches become `[EMPLOYEE_ID]`. */
  placeholder: string;
  regex: RegExp;
}

export const MAX_PATTERN_LENGTH = 500;

/** `employee id` → `EMPLOYEE_ID`: placeholders are short upper-case words. */
export function normalizePlaceholder(placeholder: string): string {
  const name = placeholder
    .trim()
    .replace(/^\[|\]$/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 32);
  return name || 'REDACTED';
}

/**
 * Why `pattern` cannot be used as a rule, or null when it can. Beyond syntax, it refuses patterns
 * that match the empty string and nested quantifiers such as `(a+)+`, the usual cause of
 * catastrophic backtracking (JavaScript regular expressions cannot be interrupted).
 */
export function checkRedactionPattern(pattern: string): string | null {
  if (pattern.length === 0) return 'The pattern is empty.';
  if (pattern.length > MAX_PATTERN_LENGTH) return `The pattern is longer than ${MAX_PATTERN_LENGTH} characters.`;
  try {
    new RegExp(pattern, 'g');
  } catch (err) {
    return `The pattern is not a valid regular expression: ${(err as Error).message}`;
  }
  if (new RegExp(`^(?:${pattern})$`).test('')) return 'The pattern matches the empty string.';
  if (hasNestedQuantifier(pattern)) {
    return 'The pattern repeats a group that itself repeats (like (a+)+); that can take exponential time.';
  }
  return null;
}

/** Compiles the enabled rules; `onInvalid` hears about each rule that was skipped and why. */
export function compileRules(
  rules: RedactionRuleSource[],
  onInvalid: (rule: RedactionRuleSource, reason: string) => void = () => {},
): CompiledRule[] {
  const compiled: CompiledRule[] = [];
  for (const rule of rules) {
    if (rule.enabled === false) continue;
    const problem = checkRedactionPattern(rule.pattern);
    if (problem) {
      onInvalid(rule, problem);
      continue;
    }
    compiled.push({
      name: rule.name,
      placeholder: normalizePlaceholder(rule.placeholder),
      regex: new RegExp(rule.pattern, 'g'),
    });
  }
  return compiled;
}

const QUANTIFIER = /^(?:[*+?]|\{(\d+)(,(\d*))?\})/;

/**
 * The quantifier at position `i`, if any: `repeats` when it can match its atom more than once
 * (`*`, `+`, `{2,}`, `{3}`), `variable` when the number of matches can vary (`*`, `+`, `?`, `{1,3}`).
 */
function quantifierAt(pattern: string, i: number): { repeats: boolean; variable: boolean } | null {
  const m = QUANTIFIER.exec(pattern.slice(i, i + 16));
  if (!m) return null;
  if (m[1] === undefined) return { repeats: m[0] !== '?', variable: true };
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  return { repeats: max > 1, variable: max > min };
}

/**
 * Finds a repeated group that contains a variable repetition, `(a+)+`, `(?:\w*x)*`, `(a?){2,}`:
 * there are exponentially many ways to split a long non-matching input between the two.
 * `(\d{3}-)+` is fine: the inner count is fixed.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  const stack: boolean[] = [];
  let inClass = false;
  let containsVariable: boolean = false;
  const noteQuantifierAfter = (i: number) => {
    if (quantifierAt(pattern, i)?.variable) containsVariable = true;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      if (!inClass) noteQuantifierAfter(i + 1);
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        noteQuantifierAfter(i + 1);
      }
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      stack.push(containsVariable);
      containsVariable = false;
    } else if (c === ')') {
      const inner: boolean = containsVariable;
      const quantifier = quantifierAt(pattern, i + 1);
      if (inner && quantifier?.repeats) return true;
      containsVariable = (stack.pop() ?? false) || inner || Boolean(quantifier?.variable);
    } else if (!'|^$*+?{}'.includes(c)) noteQuantifierAfter(i + 1);
  }
  return false;
}
