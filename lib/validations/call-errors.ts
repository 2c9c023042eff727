// Messages for rejected calls that a developer reading an HTTP response can act on at once:
// "latencyMs: must be an integer, got 12.5" rather than zod's generic wording.
import type { z } from 'zod';

const KIND: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
};

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'number') return String(input);
  if (typeof input === 'string') return input.length > 40 ? 'a string' : JSON.stringify(input);
  return `${typeof input === 'object' ? 'an' : 'a'} ${typeof input}`;
}

function unit(origin: string | undefined): string {
  if (origin === 'string') return ' characters';
  if (origin === 'array') return ' items';
  return '';
}

/** A zod error function: used for every issue that has no message of its own. */
export function callErrorMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${KIND[issue.expected] ?? issue.expected}, got ${describe(issue.input)}`;
    case 'too_big':
      return `must be at most ${issue.maximum}${unit(issue.origin)}`;
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1
        ? 'must not be empty'
        : `must be at least ${issue.minimum}${unit(issue.origin)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(issue.input)}`;
    case 'invalid_format':
      if (issue.format === 'guid' || issue.format === 'uuid')
        return 'must be a UUID, e.g. 0b6f1a2e-6a6b-4d8e-9a53-2f4c6d1e7b90';
      return undefined;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}: the call contract has no such field`;
    default:
      return undefined;
  }
}
