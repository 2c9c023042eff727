// Reads an eval set (docs/evals.md#the-eval-file) from YAML or JSON, with its cases inline or in a
// .jsonl/.csv file beside it, and checks all of it before anything runs: every problem is reported
// as `file:line:column: field.path: message`, and the command exits with the configuration code.
import path from 'node:path';
import { CommandFailure } from '@/lib/cli/command';
import { EXIT_CONFIG_ERROR } from '@/lib/cli/server';
import { issueLines, parseYamlText, readConfigText, type FieldPath, type LocatedDocument } from '@/lib/cli/yaml-file';
import { EvalFileSchema, type EvalFile } from '@/lib/validations/eval-set';
import { buildCases } from './file/build-cases';
import { readCasesFile } from './file/cases-file';
import { aboutCase, limitLines, type SourcedCase } from './file/sourced-case';
import type { EvalSet } from './types';

/** `displayName` is how messages name the file (e.g. as the user typed it); paths resolve from `filePath`. */
export async function readEvalSet(filePath: string, displayName = filePath): Promise<EvalSet> {
  const located = parseYamlText(await readConfigText(filePath, displayName), displayName);
  const parsed = EvalFileSchema.safeParse(located.value);
  if (!parsed.success) fail(displayName, issueLines(parsed.error.issues, located.locate, caseNamed(located.value)));
  const file = parsed.data;

  const sourced =
    typeof file.cases === 'string'
      ? await readCases(filePath, displayName, file.cases, located)
      : inlineCases(file, located);
  const { cases, problems } = buildCases(sourced, {
    defaults: file.defaults,
    hasJudge: file.judge !== undefined,
    whereInDefaults: (p) => where(located, ['defaults', ...p]),
  });
  if (problems.length) fail(displayName, problems);

  return {
    file: filePath,
    feature: file.feature,
    ...(file.name !== undefined ? { name: file.name } : {}),
    ...(file.description !== undefined ? { description: file.description } : {}),
    target: file.target,
    cases,
    threshold: file.threshold,
    regressionTolerance: file.regressionTolerance,
    concurrency: file.concurrency,
    timeoutMs: file.timeoutMs,
    retries: file.retries,
    ...(file.judge ? { judge: file.judge } : {}),
    ...(file.embeddings ? { embeddings: file.embeddings } : {}),
    ...(file.model !== undefined ? { model: file.model } : {}),
    ...(file.promptVersion !== undefined ? { promptVersion: file.promptVersion } : {}),
    environment: file.environment,
  };
}

function fail(displayName: string, lines: string[]): never {
  throw new CommandFailure(
    `${displayName} is not a valid eval set; nothing was run:\n${limitLines(lines).join('\n')}`,
    EXIT_CONFIG_ERROR,
  );
}

const where = (located: LocatedDocument, p: FieldPath) => `${located.locate(p)}: ${p.join('.')}`;

function inlineCases(file: EvalFile, located: LocatedDocument): SourcedCase[] {
  return (file.cases as Exclude<EvalFile['cases'], string>).map((written, i) => ({
    written,
    where: (p) => where(located, ['cases', i, ...p]),
  }));
}

/** The cases file resolves from the eval file's folder; messages name it the same way. */
async function readCases(
  filePath: string,
  displayName: string,
  casesPath: string,
  located: LocatedDocument,
): Promise<SourcedCase[]> {
  const resolved = path.resolve(path.dirname(filePath), casesPath);
  const shown = path.join(path.dirname(displayName), casesPath);
  try {
    return await readCasesFile(resolved, shown);
  } catch (err) {
    if (err instanceof CommandFailure) throw err;
    fail(displayName, [`${where(located, ['cases'])}: ${(err as Error).message}`]);
  }
}

/** Names the inline case a problem is in, when it has a name. */
function caseNamed(document: unknown) {
  const cases = (document as { cases?: unknown })?.cases;
  return (p: FieldPath) => {
    if (p[0] !== 'cases' || typeof p[1] !== 'number' || !Array.isArray(cases)) return '';
    return aboutCase((cases[p[1]] as { name?: unknown } | undefined)?.name);
  };
}
