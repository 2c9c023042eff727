// Reads the file of `switchboard slo apply` (YAML or JSON) and validates it with the document's
// schema; every problem is reported as file:line:column with the field's path.
import fs from 'node:fs/promises';
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { SloFileSchema } from '@/lib/validations/slo';
import { CommandFailure } from './command';
import { EXIT_CONFIG_ERROR } from './server';

export type SloFile = z.infer<typeof SloFileSchema>;

export async function readSloFile(filePath: string, displayName = filePath): Promise<SloFile> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (err) {
    throw new CommandFailure(`Cannot read ${displayName}: ${(err as Error).message}`, EXIT_CONFIG_ERROR);
  }
  return parseSloFile(text, displayName);
}

/** Parses YAML (JSON is YAML too, so one parser gives both the same positions). */
export function parseSloFile(text: string, displayName: string): SloFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${displayName}:${line}:${col}`;
  };
  if (doc.errors.length) {
    const lines = doc.errors.map((e) => `${at(e.pos[0])}: ${e.message.split('\n')[0]}`);
    throw new CommandFailure(`${displayName} is not valid YAML or JSON:\n${lines.join('\n')}`, EXIT_CONFIG_ERROR);
  }
  const parsed = SloFileSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const field = [...path, ...(unknownKey ? [unknownKey] : [])].join('.') || '(document)';
    return `${at(offsetOf(doc, path, unknownKey))}: ${field}: ${issue.message}`;
  });
  throw new CommandFailure(`${displayName} is not a valid SLO document; nothing was changed:\n${lines.join('\n')}`, EXIT_CONFIG_ERROR);
}

/** Where the field at `path` (or the nearest parent that exists) starts; a named key when given. */
function offsetOf(doc: Document, path: (string | number)[], key?: string): number {
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
