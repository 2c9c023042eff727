// `switchboard eval import <promptfoo-results.json>`: a promptfoo run onto the dashboard.
import fs from 'node:fs/promises';
import { promptfooToUpload, PromptfooResultsSchema } from '@/lib/evals/promptfoo';
import { CommandFailure, defineCommand } from '../command';
import { IMPORT_HELP, importOptions, importRun, importSchema } from '../eval-import-run';
import { EXIT_CONFIG_ERROR, EXIT_SERVER_ERROR } from '../server';

export const evalImport = defineCommand({
  path: ['eval', 'import'],
  summary: "Imports promptfoo's JSON results (promptfoo eval --output results.json) as an eval run of a feature.",
  usage:
    '<promptfoo-results.json> --feature KEY [--name NAME] [--upload] [--output F] [--baseline F] [--github] [--url URL] [--key KEY]',
  help: [
    "Each promptfoo result becomes a case named by the test's description (else its variables), with its output, assertions (gradingResult.componentResults), latency and cost; repeated tests become repeats. With several prompts or providers, the case names carry them.",
    'JUnit XML (pytest --junitxml, DeepEval) is imported with `switchboard eval import junit <results.xml>`.',
    ...IMPORT_HELP,
    `Exit codes: 0 done, 2 wrong usage, ${EXIT_CONFIG_ERROR} the file is not promptfoo JSON output, ${EXIT_SERVER_ERROR} Switchboard refused or could not be reached.`,
  ],
  options: importOptions,
  positionals: ['file'],
  required: ['feature'],
  schema: importSchema,
  run: (input, context) =>
    importRun(input, context, async (file, labels) => {
      let data: unknown;
      try {
        data = JSON.parse(await fs.readFile(file, 'utf8'));
      } catch (err) {
        throw new CommandFailure(`Cannot read ${input.file} as JSON: ${(err as Error).message}`, EXIT_CONFIG_ERROR);
      }
      const parsed = PromptfooResultsSchema.safeParse(data);
      if (!parsed.success) {
        const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
        throw new CommandFailure(`${input.file} is not promptfoo JSON output:\n${lines.join('\n')}`, EXIT_CONFIG_ERROR);
      }
      return { run: promptfooToUpload(parsed.data, labels) };
    }),
});
