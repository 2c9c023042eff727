// Reads the file of `switchboard slo apply` (YAML or JSON) and validates it with the document's
// schema; every problem is reported as file:line:column with the field's path.
import fs from 'node:fs/promises';
import type { z } from 'zod';
import { SloFileSchema } from '@/lib/validations/slo';
import { CommandFailure } from './command';
import { EXIT_CONFIG_ERROR } from './server';
import { parseYamlWithSchema } from './yaml-file';

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

export function parseSloFile(text: string, displayName: string): SloFile {
  return parseYamlWithSchema(text, displayName, SloFileSchema, `${displayName} is not a valid SLO document; nothing was changed:`);
}
