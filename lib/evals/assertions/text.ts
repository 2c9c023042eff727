// The checks of text against text: equals, contains, icontains, contains-any, contains-all,
// starts-with, regex. Case-insensitive ones compare NFKC-normalised lower case, so "ﬁ" matches "fi".
import { quote, yesNo, type Check } from './outcome';

const fold = (text: string) => text.normalize('NFKC').toLowerCase();
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : [String(value)]);
const listWords = (items: string[]) => items.map((s) => quote(s)).join(', ');

const compiledRegexes = new Map<string, RegExp>();

/** Compiles a regex of an eval file; throws with the engine's message (e.g. "Unterminated group"). */
export function compileRegex(source: string): RegExp {
  let compiled = compiledRegexes.get(source);
  if (compiled) return compiled;
  try {
    compiled = new RegExp(source, 'u');
  } catch {
    // Without the u flag JavaScript accepts more legacy syntax (e.g. "\-" or "{" alone); try that before refusing.
    try {
      compiled = new RegExp(source);
    } catch (err) {
      throw new Error(
        `invalid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /s, '')}`,
      );
    }
  }
  compiledRegexes.set(source, compiled);
  return compiled;
}

/** Surrounding whitespace is ignored: a model's trailing newline is not a different answer. */
export const equals: Check = ({ assertion, evalCase, answer }) => {
  const wanted = String(assertion.value ?? evalCase.expected ?? '');
  const pass = answer.output.trim() === wanted.trim();
  return yesNo(pass, assertion.not, [`equals ${quote(wanted)}`, `equal ${quote(wanted)}`]);
};

export const contains: Check = ({ assertion, answer }) => {
  const wanted = String(assertion.value);
  return yesNo(answer.output.includes(wanted), assertion.not, [
    `contains ${quote(wanted)}`,
    `contain ${quote(wanted)}`,
  ]);
};

export const icontains: Check = ({ assertion, answer }) => {
  const wanted = String(assertion.value);
  const pass = fold(answer.output).includes(fold(wanted));
  return yesNo(pass, assertion.not, [`contains ${quote(wanted)} (any case)`, `contain ${quote(wanted)} (any case)`]);
};

export const containsAny: Check = ({ assertion, answer }) => {
  const wanted = list(assertion.value);
  const found = wanted.filter((w) => answer.output.includes(w));
  const verbs: [string, string] = [`contains ${quote(found[0] ?? '')}`, `contain any of ${listWords(wanted)}`];
  return yesNo(found.length > 0, assertion.not, verbs);
};

export const containsAll: Check = ({ assertion, answer }) => {
  const wanted = list(assertion.value);
  const missing = wanted.filter((w) => !answer.output.includes(w));
  const detail = `missing ${listWords(missing)}`;
  return yesNo(
    missing.length === 0,
    assertion.not,
    [`contains all of ${listWords(wanted)}`, `contain all of ${listWords(wanted)}`],
    detail,
  );
};

/** Leading whitespace is ignored, as in equals. */
export const startsWith: Check = ({ assertion, answer }) => {
  const wanted = String(assertion.value);
  const pass = answer.output.trimStart().startsWith(wanted);
  return yesNo(pass, assertion.not, [`starts with ${quote(wanted)}`, `start with ${quote(wanted)}`]);
};

export const regex: Check = ({ assertion, answer }) => {
  const source = String(assertion.value);
  const match = compileRegex(source).exec(answer.output);
  const verbs: [string, string] = [`matches /${source}/ at ${quote(match?.[0] ?? '', 40)}`, `match /${source}/`];
  return yesNo(match !== null, assertion.not, verbs);
};
