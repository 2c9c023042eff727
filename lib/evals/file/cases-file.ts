// Reads the cases of an eval set from a .jsonl file (one case object a line) or a .csv file (a
// header row; the columns name, expected and assert — a JSON list — are those fields of the case,
// every other column is a variable). Every problem names the cases file and its line.
import fs from 'node:fs/promises';
import { CommandFailure } from '@/lib/cli/command';
import { EXIT_CONFIG_ERROR } from '@/lib/cli/server';
import { issueLines, parseYamlText } from '@/lib/cli/yaml-file';
import { CaseSchema } from '@/lib/validations/eval-set';
import { CsvSyntaxError, parseCsv } from './csv';
import { aboutCase, limitLines, type SourcedCase } from './sourced-case';

const CASE_COLUMNS = new Set(['name', 'expected', 'assert']);

export async function readCasesFile(filePath: string, displayName: string): Promise<SourcedCase[]> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the cases file ${displayName}: ${(err as Error).message}`);
  }
  const problems: string[] = [];
  const cases = /\.csv$/i.test(filePath)
    ? casesOfCsv(text, displayName, problems)
    : casesOfJsonl(text, displayName, problems);
  if (problems.length) {
    throw new CommandFailure(
      `${displayName} has invalid cases:\n${limitLines(problems).join('\n')}`,
      EXIT_CONFIG_ERROR,
    );
  }
  if (cases.length === 0) throw new CommandFailure(`${displayName} holds no cases.`, EXIT_CONFIG_ERROR);
  return cases;
}

function casesOfJsonl(text: string, displayName: string, problems: string[]): SourcedCase[] {
  const cases: SourcedCase[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((lineText, index) => {
      const line = index + 1;
      if (!lineText.trim()) return;
      try {
        JSON.parse(lineText);
      } catch (err) {
        problems.push(`${displayName}:${line}: not a JSON object: ${(err as Error).message}`);
        return;
      }
      // JSON is YAML: the YAML parser gives the columns of the fields for messages.
      let located;
      try {
        located = parseYamlText(lineText, displayName, { firstLine: line });
      } catch (err) {
        problems.push((err as Error).message.split('\n').slice(1).join('\n'));
        return;
      }
      const parsed = CaseSchema.safeParse(located.value);
      if (!parsed.success) {
        const about = aboutCase((located.value as { name?: unknown } | null)?.name);
        problems.push(...issueLines(parsed.error.issues, located.locate, () => about, '(case)'));
        return;
      }
      cases.push({ written: parsed.data, where: (path) => `${located.locate(path)}: ${path.join('.') || '(case)'}` });
    });
  return cases;
}

function casesOfCsv(text: string, displayName: string, problems: string[]): SourcedCase[] {
  let rows;
  try {
    rows = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    problems.push(`${displayName}:${err.line}: ${err.message}`);
    return [];
  }
  const [header, ...body] = rows;
  if (!header) return [];
  const columns = header.fields.map((f) => f.trim());
  const seen = new Set<string>();
  for (const column of columns) {
    if (!column) problems.push(`${displayName}:${header.line}: the header has an empty column name`);
    else if (seen.has(column))
      problems.push(`${displayName}:${header.line}: the header names column "${column}" twice`);
    seen.add(column);
  }
  if (problems.length) return [];
  const cases: SourcedCase[] = [];
  for (const { line, fields } of body) {
    const at = `${displayName}:${line}`;
    if (fields.length !== columns.length) {
      problems.push(`${at}: ${fields.length} fields, but the header has ${columns.length} columns`);
      continue;
    }
    const raw = caseOfRow(columns, fields);
    if (typeof raw === 'string') {
      problems.push(`${at}: ${raw}`);
      continue;
    }
    const parsed = CaseSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(
        ...issueLines(
          parsed.error.issues,
          () => at,
          () => aboutCase(raw.name),
          '(case)',
        ),
      );
      continue;
    }
    cases.push({ written: parsed.data, where: (path) => `${at}: ${path.join('.') || '(case)'}` });
  }
  return cases;
}

/** The case of a CSV row as written, or what is wrong with its assert column. */
function caseOfRow(columns: string[], fields: string[]): Record<string, unknown> | string {
  const vars: Record<string, string> = {};
  const raw: Record<string, unknown> = { vars };
  for (const [i, column] of columns.entries()) {
    const value = fields[i];
    if (!CASE_COLUMNS.has(column)) vars[column] = value;
    else if (column !== 'assert') {
      if (value !== '') raw[column] = value;
    } else if (value.trim()) {
      try {
        raw.assert = JSON.parse(value);
      } catch (err) {
        return `assert: the column must hold a JSON list of assertions: ${(err as Error).message}`;
      }
    }
  }
  return raw;
}
