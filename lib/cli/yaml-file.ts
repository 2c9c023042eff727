// Reads YAML (and JSON, which is YAML too, so one parser gives both the same positions) and
// validates it with a zod schema, reporting every problem as `file:line:column: field.path: message`.
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { CommandFailure } from './command';
import { EXIT_CONFIG_ERROR } from './server';

export type FieldPath = (string | number)[];

export interface LocatedDocument {
  doc: Document;
  /** The document as plain data. */
  value: unknown;
  /** `file:line:column` of the field at `path` (or its nearest parent that exists); a named key when given. */
  locate(path: FieldPath, key?: string): string;
}

/**
 * Parses `text`; throws a configuration error listing the syntax errors. `firstLine` numbers a
 * text cut from a bigger file (a JSONL line) as that file's lines.
 */
export function parseYamlText(text: string, displayName: string, { firstLine = 1, what = 'valid YAML or JSON' } = {}): LocatedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${displayName}:${line + firstLine - 1}:${col}`;
  };
  if (doc.errors.length) {
    const lines = doc.errors.map((e) => `${at(e.pos[0])}: ${e.message.split('\n')[0]}`);
    throw new CommandFailure(`${displayName} is not ${what}:\n${lines.join('\n')}`, EXIT_CONFIG_ERROR);
  }
  return { doc, value: doc.toJS() ?? {}, locate: (path, key) => at(offsetOf(doc, path, key)) };
}

/**
 * One `place: field.path: message` line per issue; `describe` may add words about the field (e.g. a
 * case's name), `root` names the whole document.
 */
export function issueLines(
  issues: z.core.$ZodIssue[],
  locate: (path: FieldPath, key?: string) => string,
  describe: (path: FieldPath) => string = () => '',
  root = '(document)',
): string[] {
  return issues.map((issue) => {
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const field = [...path, ...(unknownKey ? [unknownKey] : [])].join('.') || root;
    return `${locate(path, unknownKey)}: ${field}: ${issue.message}${describe(path)}`;
  });
}

/** Parses and validates `text`; throws a configuration error headed by `headline` listing every problem. */
export function parseYamlWithSchema<S extends z.ZodType>(text: string, displayName: string, schema: S, headline: string): z.output<S> {
  const located = parseYamlText(text, displayName);
  const parsed = schema.safeParse(located.value);
  if (parsed.success) return parsed.data;
  throw new CommandFailure(`${headline}\n${issueLines(parsed.error.issues, located.locate).join('\n')}`, EXIT_CONFIG_ERROR);
}

/** Where the field at `path` (or the nearest parent that exists) starts; a named key when given. */
function offsetOf(doc: Document, path: FieldPath, key?: string): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (!isNode(node)) continue;
    if (key && depth === path.length && isMap(node)) {
      const pair = node.items.find((p) => isNode(p.key) && String((p.key as { value?: unknown }).value) === key);
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    }
    if (node.range) return node.range[0];
  }
  return 0;
}
