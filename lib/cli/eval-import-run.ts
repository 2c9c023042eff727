// What the `eval import` commands share once their file is read into a run: the options, the
// comparison with a baseline, --output, --upload and --github. Every check of the file happens
// before any of these, so a file that cannot be imported writes and uploads nothing.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { weightedPassRate } from '@/lib/evals/case-rates';
import { compareRuns } from '@/lib/evals/compare';
import { gitInfo } from '@/lib/evals/git';
import { reportToGitHub } from '@/lib/evals/github';
import type { RunImportOptions } from '@/lib/evals/promptfoo';
import { formatComparison } from '@/lib/evals/summary';
import { formatPercent } from '@/lib/format/numbers';
import type { EvalRunUpload } from '@/lib/validations/eval-run';
import { DEFAULT_REGRESSION_TOLERANCE } from '@/lib/validations/eval-set';
import { FeatureKeySchema } from '@/lib/validations/slo';
import { CommandFailure, UsageError, type CommandContext } from './command';
import { loadBaseline, uploadRun } from './eval-server';
import { EXIT_CONFIG_ERROR, serverOptions, serverOptionsShape, serverTarget } from './server';

export const importOptions = {
  feature: { type: 'string', value: 'KEY', description: 'The feature the run belongs to.' },
  name: { type: 'string', value: 'NAME', description: "The run's name." },
  upload: { type: 'boolean', description: 'Upload the run to Switchboard (POST /api/v1/eval-runs).' },
  output: { type: 'string', value: 'F', description: 'Write the run (the upload payload) as JSON.' },
  baseline: {
    type: 'string',
    value: 'F',
    description: 'Compare against this results file (else, with --github, the server baseline).',
  },
  github: {
    type: 'boolean',
    description: 'Report to GitHub Actions: the job summary and an ::error per regressed case.',
  },
  ...serverOptions,
} as const;

export const importSchema = z.object({
  file: z.string().min(1),
  feature: FeatureKeySchema,
  name: z.string().trim().min(1).max(200).optional(),
  upload: z.boolean().default(false),
  output: z.string().min(1).optional(),
  baseline: z.string().min(1).optional(),
  github: z.boolean().default(false),
  ...serverOptionsShape,
});
export type ImportInput = z.output<typeof importSchema>;

export const IMPORT_HELP = [
  '--upload posts the run (the key needs evals:write) and prints its URL; --output writes the run as JSON instead or as well.',
  `The run is compared with --baseline F (a results file of switchboard eval or of an import), else — with --github and a server configured — with the run marked baseline on the dashboard (the key needs read as well); a case regressed when it passed there and fails now (tolerance ${formatPercent(DEFAULT_REGRESSION_TOLERANCE)} for the whole run). --github appends a Markdown summary to $GITHUB_STEP_SUMMARY and prints an ::error annotation per regressed case. A regression does not change the exit code: the tests that produced the file gate the build.`,
];

export interface ReadRun {
  run: EvalRunUpload;
  /** Said after the counts, e.g. "2 skipped, not counted". */
  note?: string;
}

/** Reads the file with `read` (which throws CommandFailure for a file it cannot import), then reports and stores the run. */
export async function importRun(
  input: ImportInput,
  context: CommandContext,
  read: (file: string, labels: RunImportOptions) => Promise<ReadRun>,
): Promise<number> {
  if (!input.upload && !input.output)
    throw new UsageError('Give --upload, --output F, or both: where the imported run goes.');
  // process.env: CI variables (GITHUB_SHA, CI_COMMIT_SHA…) name the commit when git cannot; GitHub's summary file.
  const environment = process.env;
  const upload = input.upload
    ? serverTarget(input, input.github && !input.baseline ? 'evals:write and read' : 'evals:write')
    : undefined;
  const configured =
    upload !== undefined ||
    input.url !== undefined ||
    input.key !== undefined ||
    Boolean(environment.SWITCHBOARD_URL && environment.SWITCHBOARD_API_KEY);
  const baselineServer =
    input.github && !input.baseline && configured ? (upload ?? serverTarget(input, 'read')) : undefined;
  const at = (file: string) => path.resolve(context.callerCwd, file);

  const git = await gitInfo(context.callerCwd, environment);
  const { run, note } = await read(at(input.file), {
    feature: input.feature,
    name: input.name,
    gitCommit: git.commit,
    gitBranch: git.branch,
  });
  const baseline = await loadBaseline(
    input.baseline ? { file: at(input.baseline), displayName: input.baseline } : undefined,
    baselineServer,
    input.feature,
  );
  const comparison = baseline ? compareRuns(run, baseline, DEFAULT_REGRESSION_TOLERANCE) : undefined;

  const passed = run.results.filter((r) => r.passed).length;
  console.log(
    `${input.file}: ${run.results.length} results, ${passed} passed (${formatPercent(weightedPassRate(run.results))}), for ${input.feature}.${note ? ` ${note}` : ''}`,
  );
  if (comparison) console.log(formatComparison(comparison).join('\n'));
  if (input.output) {
    try {
      await fs.writeFile(at(input.output), `${JSON.stringify(run, null, 2)}\n`);
    } catch (err) {
      throw new CommandFailure(`Cannot write ${input.output}: ${(err as Error).message}`, EXIT_CONFIG_ERROR);
    }
    console.log(`Wrote ${input.output}.`);
  }
  let url: string | undefined;
  try {
    if (upload) {
      url = (await uploadRun(upload, run)).url;
      console.log(`Uploaded: ${url}`);
    }
  } finally {
    if (input.github)
      await reportToGitHub(
        { title: run.name ?? run.feature, feature: run.feature, results: run.results, comparison, url },
        environment.GITHUB_STEP_SUMMARY,
      );
  }
  return 0;
}
