// Reads the file of `switchboard slo apply` (YAML or JSON): our document with `feature:` on top, or
// OpenSLO `kind: SLO` documents. Either is validated before anything is sent, and every problem is
// reported as file:line:column with the field's path.
import fs from 'node:fs/promises';
import type { z } from 'zod';
import { isOpenSlo } from '@/lib/slo/openslo';
import { openSloDocumentsSchema } from '@/lib/validations/openslo';
import { SloFileSchema, type SloDocument } from '@/lib/validations/slo';
import { CommandFailure } from './command';
import { EXIT_CONFIG_ERROR } from './server';
import { issueLines, parseYamlStream, parseYamlWithSchema } from './yaml-file';

export type SloFile = z.infer<typeof SloFileSchema>;

/** What `slo apply` sends: our document, or the OpenSLO documents as they are in the file (the server checks them again). */
export type SloApplyFile =
  | { format: 'switchboard'; feature: string; body: SloDocument }
  | { format: 'openslo'; feature: string; body: unknown[] };

export async function readSloFile(filePath: string, displayName = filePath): Promise<SloApplyFile> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (err) {
    throw new CommandFailure(`Cannot read ${displayName}: ${(err as Error).message}`, EXIT_CONFIG_ERROR);
  }
  return parseSloApplyFile(text, displayName);
}

/** Our document or OpenSLO, told apart by shape: OpenSLO documents have apiVersion and kind, or come several to a file. */
export function parseSloApplyFile(text: string, displayName: string): SloApplyFile {
  const stream = parseYamlStream(text, displayName);
  const [first] = stream.values;
  const body = stream.values.length === 1 ? first : stream.values;
  if (!stream.values.length || !isOpenSlo(body)) {
    const { feature, ...document } = parseSloFile(text, displayName);
    return { format: 'switchboard', feature, body: document };
  }
  // One document holding a list of documents, as OpenSLO's own examples are written, or a stream of them.
  const documents = Array.isArray(body) ? body : [body];
  const locate =
    stream.values.length === 1 && Array.isArray(first)
      ? (path: (string | number)[], key?: string) => stream.locate([0, ...path], key)
      : stream.locate;
  const parsed = openSloDocumentsSchema().safeParse(documents);
  if (!parsed.success) {
    const lines = issueLines(parsed.error.issues, locate, undefined, '(file)');
    throw new CommandFailure(
      `${displayName} is not a valid OpenSLO file; nothing was changed:\n${lines.join('\n')}`,
      EXIT_CONFIG_ERROR,
    );
  }
  return { format: 'openslo', feature: parsed.data.service, body: documents };
}

export function parseSloFile(text: string, displayName: string): SloFile {
  return parseYamlWithSchema(
    text,
    displayName,
    SloFileSchema,
    `${displayName} is not a valid SLO document; nothing was changed:`,
  );
}
