// `switchboard eval <file>`: runs an eval set against its target, prints the summary, writes
// results/JUnit files, compares against the baseline and uploads the run, with exit codes for CI.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MODEL_PRICE_SEED } from '@/db/seed/model-prices';
import { PriceTable } from '@/lib/cost/price-table';
import { DEFAULT_CACHE_DIR } from '@/lib/evals/cache';
import { formatPercent } from '@/lib/format/numbers';
import { compareRuns, type Comparison } from '@/lib/evals/compare';
import { EvalConfigError } from '@/lib/evals/errors';
import { readEvalSet } from '@/lib/evals/eval-file';
import { gitInfo } from '@/lib/evals/git';
import { reportToGitHub } from '@/lib/evals/github';
import { toJUnitXml } from '@/lib/evals/junit';
import { createProgressReporter } from '@/lib/evals/progress';
import { runEvalSet } from '@/lib/evals/run';
import { formatSummary } from '@/lib/evals/summary';
import type { EvalSet, RunResults } from '@/lib/evals/types';
import { toUploadPayload } from '@/lib/evals/upload';
import { CommandFailure, defineCommand, type CommandContext } from '../command';
import { loadBaseline, uploadRun } from '../eval-server';
import { EXIT_CONFIG_ERROR, EXIT_SERVER_ERROR, serverOptions, serverOptionsShape, serverTarget } from '../server';

export const EXIT_EVAL_FAILED = 1;
const EXIT_CODES = `Exit codes: 0 the run passed; ${EXIT_EVAL_FAILED} the pass rate is below the set's threshold or regressed against the baseline by more than its regressionTolerance (the regressed cases are listed); 2 wrong usage; ${EXIT_CONFIG_ERROR} the eval file or its target is misconfigured, or the target could not be reached for any case; ${EXIT_SERVER_ERROR} Switchboard refused or could not be reached (upload, baseline).`;

const count = (max: number, what: string) =>
  z.coerce
    .number({ error: `${what} must be a number.` })
    .int(`${what} must be a whole number.`)
    .min(1, `${what} must be at least 1.`)
    .max(max, `${what} is at most ${max}.`);

export const evalRun = defineCommand({
  path: ['eval'],
  summary: 'Runs an eval set (YAML or JSON) against its target; fails CI below the threshold or on a regression.',
  usage:
    '<file> [--repeat N] [--concurrency N] [--no-cache] [--output F] [--junit F] [--baseline F] [--upload] [--github] [--name NAME] [--url URL] [--key KEY]',
  help: [
    "Every case runs --repeat times (each repeat is cached on its own) with the set's concurrency, timeout per attempt and retries (429, 5xx and network errors; Retry-After is honoured). Target answers are cached in .switchboard/eval-cache/ under the current directory: a rerun of an unchanged set asks the target nothing.",
    'The baseline is --baseline (a previous --output file), else — when a server is configured (--url/--key or SWITCHBOARD_URL/SWITCHBOARD_API_KEY) — the run marked baseline for the feature on the dashboard (the key needs read). --upload stores the run with the git commit and branch (the key needs evals:write) and prints its URL.',
    '--github (in GitHub Actions) appends a Markdown summary to the file $GITHUB_STEP_SUMMARY names (pass rate, change against the baseline, regressed cases) and prints an ::error annotation for each regressed case.',
    'Example (CI): npx switchboard eval evals/support-agent.yaml --junit eval.xml --upload --github',
    EXIT_CODES,
  ],
  options: {
    repeat: { type: 'string', value: 'N', description: 'Runs of each case, for per-case pass rates (default 1).' },
    concurrency: {
      type: 'string',
      value: 'N',
      description: "Calls in flight at once (default: the set's concurrency).",
    },
    'no-cache': {
      type: 'boolean',
      description: 'Ask the target again instead of reusing cached answers (nor store them).',
    },
    output: { type: 'string', value: 'F', description: 'Write the results as JSON (usable later as --baseline).' },
    junit: { type: 'string', value: 'F', description: 'Write JUnit XML for CI test reports.' },
    baseline: {
      type: 'string',
      value: 'F',
      description: 'Compare against this results file instead of the server baseline.',
    },
    upload: { type: 'boolean', description: 'Upload the run to Switchboard (POST /api/v1/eval-runs).' },
    github: {
      type: 'boolean',
      description: 'Report to GitHub Actions: the job summary and an ::error per regressed case.',
    },
    name: { type: 'string', value: 'NAME', description: "The run's name (default: the set's name)." },
    ...serverOptions,
  },
  positionals: ['file'],
  schema: z.object({
    file: z.string().min(1),
    repeat: count(1000, '--repeat').default(1),
    concurrency: count(100, '--concurrency').optional(),
    'no-cache': z.boolean().default(false),
    output: z.string().min(1).optional(),
    junit: z.string().min(1).optional(),
    baseline: z.string().min(1).optional(),
    upload: z.boolean().default(false),
    github: z.boolean().default(false),
    name: z.string().trim().min(1).max(200).optional(),
    ...serverOptionsShape,
  }),
  async run(input, context) {
    const at = (file: string) => path.resolve(context.callerCwd, file);
    // The one place the CLI hands the raw environment on: targets name their key's variable freely.
    const environment = process.env;
    const set = await loadSet(at(input.file), input.file);
    const wantsServer =
      input.upload ||
      input.url !== undefined ||
      input.key !== undefined ||
      Boolean(environment.SWITCHBOARD_URL && environment.SWITCHBOARD_API_KEY);
    const server = wantsServer
      ? serverTarget(input, input.upload ? 'evals:write (and read for the baseline)' : 'read')
      : undefined;
    // Before any call: a wrong baseline should not cost a run's tokens.
    const baseline = await loadBaseline(
      input.baseline ? { file: at(input.baseline), displayName: input.baseline } : undefined,
      server,
      set.feature,
    );

    const progress = createProgressReporter(process.stderr);
    let results: RunResults;
    try {
      results = await runEvalSet(set, {
        repeat: input.repeat,
        concurrency: input.concurrency,
        cacheDir: input['no-cache'] ? null : at(DEFAULT_CACHE_DIR),
        env: environment,
        prices: new PriceTable(MODEL_PRICE_SEED),
        name: input.name,
        git: await gitInfo(context.callerCwd, environment),
        onProgress: (p) => progress.update(p),
      });
    } catch (err) {
      if (err instanceof EvalConfigError) throw new CommandFailure(`${input.file}: ${err.message}`, EXIT_CONFIG_ERROR);
      throw err;
    } finally {
      progress.finish();
    }

    const comparison = baseline ? compareRuns(results, baseline, set.regressionTolerance) : undefined;
    await writeFiles(results, input, context);
    console.log(formatSummary(results, comparison));
    let url: string | undefined;
    try {
      if (input.upload && server) {
        url = (await uploadRun(server, toUploadPayload(results))).url;
        console.log(`\nUploaded: ${url}`);
      }
    } finally {
      // Also when the upload failed: the job's page still shows how the run went.
      if (input.github) {
        const { name, feature } = results;
        const report = {
          title: name ?? feature,
          feature,
          results: results.results,
          threshold: set.threshold,
          comparison,
          file: input.file,
          url,
        };
        await reportToGitHub(report, environment.GITHUB_STEP_SUMMARY);
      }
    }
    return exitCode(results, set, comparison);
  },
});

async function loadSet(file: string, displayName: string): Promise<EvalSet> {
  try {
    return await readEvalSet(file, displayName);
  } catch (err) {
    if (err instanceof CommandFailure) throw err;
    throw new CommandFailure((err as Error).message ?? String(err), EXIT_CONFIG_ERROR);
  }
}

async function writeFiles(
  results: RunResults,
  input: { output?: string; junit?: string },
  context: CommandContext,
): Promise<void> {
  const write = async (file: string, text: string) => {
    try {
      await fs.mkdir(path.dirname(path.resolve(context.callerCwd, file)), { recursive: true });
      await fs.writeFile(path.resolve(context.callerCwd, file), text);
    } catch (err) {
      throw new CommandFailure(`Cannot write ${file}: ${(err as Error).message}`, EXIT_CONFIG_ERROR);
    }
  };
  if (input.output) await write(input.output, `${JSON.stringify(results, null, 2)}\n`);
  if (input.junit) await write(input.junit, toJUnitXml(results));
}

/** 3 when no case got an answer (the target is down or misconfigured), 1 below the threshold or on a regression. */
export function exitCode(results: RunResults, set: Pick<EvalSet, 'threshold'>, comparison?: Comparison): number {
  if (results.results.length && results.results.every((r) => r.error !== null)) {
    console.error(`switchboard: the target could not be reached for any case: ${results.results[0].error}`);
    return EXIT_CONFIG_ERROR;
  }
  const reasons: string[] = [];
  if (results.passRate + 1e-9 < set.threshold)
    reasons.push(
      `the pass rate ${formatPercent(results.passRate)} is below the threshold ${formatPercent(set.threshold)}`,
    );
  if (comparison?.regressed) {
    const cases = comparison.regressedCases.length
      ? ` (regressed: ${comparison.regressedCases.map((c) => c.name).join(', ')})`
      : '';
    reasons.push(
      `the pass rate fell from ${formatPercent(comparison.baselinePassRate)} to ${formatPercent(comparison.passRate)} against the baseline, more than the tolerance ${formatPercent(comparison.tolerance)}${cases}`,
    );
  }
  if (!reasons.length) return 0;
  console.error(`switchboard: eval failed: ${reasons.join('; ')}.`);
  return EXIT_EVAL_FAILED;
}
