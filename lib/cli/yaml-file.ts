// Reads YAML (and JSON, which is YAML too, so one parser gives both the same positions) and
// validates it with a zod schema, reporting every problem as `file:line:column: field.path: message`.
import fs from 'node:fs/promises';
import { isMap, isNode, LineCounter, parseAllDocuments, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { CommandFailure } from './command';
import { EXIT_CONFIG_ERROR } from './server';

export type FieldPath = (string | number)[];

/** The text of a configuration file; one that cannot be read is a configuration error too. */
export async function readConfigText(filePath: string, displayName: string): Promise<string> {
  try {
    return await fs.readFile(filePath, 'utf8');
  } catch (err) {
    throw new CommandFailure(`Cannot read ${displayName}: ${(err as Error).message}`, EXIT_CONFIG_ERROR);
  }
}

export interface LocatedDocument {
  doc: Document;
  /** The document as plain data. */
  value: unknown;
  /** `file:line:column` of the field at `path` (or its nearest parent that exists); a named key when given. */
  locate(path: FieldPath, key?: string): string;
}

/** `file:line:column` of offsets into a text whose first line is `firstLine` of the file. */
function positions(displayName: string, firstLine = 1) {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${displayName}:${line + firstLine - 1}:${col}`;
  };
  return { lineCounter, at };
}

/** Throws a configuration error listing the documents' syntax errors, if any. */
function refuseSyntaxErrors(docs: Document[], at: (offset: number) => string, displayName: string, what: string): void {
  const errors = docs.flatMap((doc) => doc.errors);
  if (!errors.length) return;
  const lines = errors.map((e) => `${at(e.pos[0])}: ${e.message.split('\n')[0]}`);
  throw new CommandFailure(`${displayName} is not ${what}:\n${lines.join('\n')}`, EXIT_CONFIG_ERROR);
}

/**
 * Parses `text`; throws a configuration error listing the syntax errors. `firstLine` numbers a
 * text cut from a bigger file (a JSONL line) as that file's lines.
 */
export function parseYamlText(
  text: string,
  displayName: string,
  { firstLine = 1, what = 'valid YAML or JSON' } = {},
): LocatedDocument {
  const { lineCounter, at } = positions(displayName, firstLine);
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  refuseSyntaxErrors([doc], at, displayName, what);
  return { doc, value: doc.toJS() ?? {}, locate: (path, key) => at(offsetOf(doc, path, key)) };
}

export interface LocatedStream {
  /** The values of the stream's documents, empty ones left out. */
  values: unknown[];
  /** Like LocatedDocument's, with the index into `values` first in `path`. */
  locate(path: FieldPath, key?: string): string;
}

/** Parses a stream of YAML documents (`---` between them); throws a configuration error listing the syntax errors. */
export function parseYamlStream(text: string, displayName: string): LocatedStream {
  const { lineCounter, at } = positions(displayName);
  const docs = [...parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true })];
  refuseSyntaxErrors(docs, at, displayName, 'valid YAML or JSON');
  const kept = docs
    .map((doc) => ({ doc, value: doc.toJS() as unknown }))
    .filter(({ value }) => value !== null && value !== undefined);
  return {
    values: kept.map(({ value }) => value),
    locate: ([index, ...path], key) => {
      const entry = kept[typeof index === 'number' ? index : 0];
      return entry ? at(offsetOf(entry.doc, path, key)) : at(0);
    },
  };
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
export function parseYamlWithSchema<S extends z.ZodType>(
  text: string,
  displayName: string,
  schema: S,
  headline: string,
): z.output<S> {
  const located = parseYamlText(text, displayName);
  const parsed = schema.safeParse(located.value);
  if (parsed.success) return parsed.data;
  throw new CommandFailure(
    `${headline}\n${issueLines(parsed.error.issues, located.locate).join('\n')}`,
    EXIT_CONFIG_ERROR,
  );
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
