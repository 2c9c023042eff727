// `switchboard eval import <promptfoo-results.json>`: a promptfoo run onto the dashboard.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { weightedPassRate } from '@/lib/evals/case-rates';
import { formatPercent } from '@/lib/format/numbers';
import { gitInfo } from '@/lib/evals/git';
import { promptfooToUpload, PromptfooResultsSchema } from '@/lib/evals/promptfoo';
import { FeatureKeySchema } from '@/lib/validations/slo';
import { CommandFailure, defineCommand, UsageError } from '../command';
import { uploadRun } from '../eval-server';
import { EXIT_CONFIG_ERROR, EXIT_SERVER_ERROR, serverOptions, serverOptionsShape, serverTarget } from '../server';

export const evalImport = defineCommand({
  path: ['eval', 'import'],
  summary: "Imports promptfoo's JSON results (promptfoo eval --output results.json) as an eval run of a feature.",
  usage: '<promptfoo-results.json> --feature KEY [--name NAME] [--upload] [--output F] [--url URL] [--key KEY]',
  help: [
    "Each promptfoo result becomes a case named by the test's description (else its variables), with its output, assertions (gradingResult.componentResults), latency and cost; repeated tests become repeats. With several prompts or providers, the case names carry them.",
    '--upload posts the run (the key needs evals:write) and prints its URL; --output writes the run as JSON instead or as well.',
    `Exit codes: 0 done, 2 wrong usage, ${EXIT_CONFIG_ERROR} the file is not promptfoo JSON output, ${EXIT_SERVER_ERROR} Switchboard refused or could not be reached.`,
  ],
  options: {
    feature: { type: 'string', value: 'KEY', description: 'The feature the run belongs to.' },
    name: { type: 'string', value: 'NAME', description: "The run's name." },
    upload: { type: 'boolean', description: 'Upload the run to Switchboard (POST /api/v1/eval-runs).' },
    output: { type: 'string', value: 'F', description: 'Write the run (the upload payload) as JSON.' },
    ...serverOptions,
  },
  positionals: ['file'],
  required: ['feature'],
  schema: z.object({
    file: z.string().min(1),
    feature: FeatureKeySchema,
    name: z.string().trim().min(1).max(200).optional(),
    upload: z.boolean().default(false),
    output: z.string().min(1).optional(),
    ...serverOptionsShape,
  }),
  async run(input, context) {
    if (!input.upload && !input.output) throw new UsageError('Give --upload, --output F, or both: where the imported run goes.');
    const server = input.upload ? serverTarget(input, 'evals:write') : undefined;
    let data: unknown;
    try {
      data = JSON.parse(await fs.readFile(path.resolve(context.callerCwd, input.file), 'utf8'));
    } catch (err) {
      throw new CommandFailure(`Cannot read ${input.file} as JSON: ${(err as Error).message}`, EXIT_CONFIG_ERROR);
    }
    const parsed = PromptfooResultsSchema.safeParse(data);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
      throw new CommandFailure(`${input.file} is not promptfoo JSON output:\n${lines.join('\n')}`, EXIT_CONFIG_ERROR);
    }
    // process.env: CI variables (GITHUB_SHA, CI_COMMIT_SHA…) name the commit when git cannot.
    const git = await gitInfo(context.callerCwd, process.env);
    const run = promptfooToUpload(parsed.data, { feature: input.feature, name: input.name, gitCommit: git.commit, gitBranch: git.branch });
    const passed = run.results.filter((r) => r.passed).length;
    console.log(`${input.file}: ${run.results.length} results, ${passed} passed (${formatPercent(weightedPassRate(run.results))}), for ${input.feature}.`);
    if (input.output) {
      try {
        await fs.writeFile(path.resolve(context.callerCwd, input.output), `${JSON.stringify(run, null, 2)}\n`);
      } catch (err) {
        throw new CommandFailure(`Cannot write ${input.output}: ${(err as Error).message}`, EXIT_CONFIG_ERROR);
      }
      console.log(`Wrote ${input.output}.`);
    }
    if (server) console.log(`Uploaded: ${(await uploadRun(server, run)).url}`);
  },
});
