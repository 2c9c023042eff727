// `switchboard eval import junit <results.xml>`: JUnit XML (pytest --junitxml, DeepEval's pytest
// tests, any JUnit writer) onto the dashboard as an eval run of a feature.
import fs from 'node:fs/promises';
import { JUnitFormatError, junitToUpload, MAX_JUNIT_BYTES } from '@/lib/evals/junit-import';
import type { RunImportOptions } from '@/lib/evals/promptfoo';
import { CommandFailure, defineCommand } from '../command';
import { IMPORT_HELP, importOptions, importRun, importSchema, type ReadRun } from '../eval-import-run';
import { EXIT_CONFIG_ERROR, EXIT_SERVER_ERROR } from '../server';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const evalImportJunit = defineCommand({
  path: ['eval', 'import', 'junit'],
  summary: 'Imports JUnit XML test results (pytest --junitxml=results.xml, DeepEval) as an eval run of a feature.',
  usage:
    '<results.xml> --feature KEY [--name NAME] [--upload] [--output F] [--baseline F] [--github] [--url URL] [--key KEY]',
  help: [
    'Each <testcase> becomes a case named classname::name (test_answers::test_refund); it passed unless it has a <failure> or an <error>, whose message becomes why it failed; its time is the latency. Skipped tests (pytest skip and xfail) are left out of the run and counted. A testcase that appears again is a repeat.',
    ...IMPORT_HELP,
    `Exit codes: 0 done, 2 wrong usage, ${EXIT_CONFIG_ERROR} the file is not JUnit XML (or larger than ${megabytes(MAX_JUNIT_BYTES)}), ${EXIT_SERVER_ERROR} Switchboard refused or could not be reached.`,
  ],
  options: importOptions,
  positionals: ['file'],
  required: ['feature'],
  schema: importSchema,
  run: (input, context) => importRun(input, context, (file, labels) => readJUnit(file, input.file, labels)),
});

async function readJUnit(file: string, shown: string, labels: RunImportOptions): Promise<ReadRun> {
  const refuse = (why: string): never => {
    throw new CommandFailure(
      `${shown} is not JUnit XML that can be imported (pytest --junitxml=results.xml writes it): ${why}`,
      EXIT_CONFIG_ERROR,
    );
  };
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) refuse('it is not a file');
    if (stat.size > MAX_JUNIT_BYTES)
      refuse(`it has ${megabytes(stat.size)}; at most ${megabytes(MAX_JUNIT_BYTES)} are read`);
    bytes = await fs.readFile(file);
  } catch (err) {
    if (err instanceof CommandFailure) throw err;
    throw new CommandFailure(`Cannot read ${shown}: ${(err as Error).message}`, EXIT_CONFIG_ERROR);
  }
  let text = '';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    refuse('it is not UTF-8 text');
  }
  try {
    const { run, skipped } = junitToUpload(text, labels);
    return { run, note: skipped ? `${skipped} skipped, not counted.` : undefined };
  } catch (err) {
    if (!(err instanceof JUnitFormatError)) throw err;
    return refuse(err.problems.length > 1 ? `\n  ${err.problems.join('\n  ')}` : err.problems[0]);
  }
}
