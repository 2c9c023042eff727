// The eval commands' side of the server: the feature's baseline run, and uploading a run.
// Both answer exit code 4 when the server refuses, a 400 included: the run was checked here
// against the same schema first, so a refusal is the server's, not the file's.
import fs from 'node:fs/promises';
import { BaselineRunSchema, type BaselineRun } from '@/lib/evals/compare';
import { EvalRunUploadSchema, type EvalRunUpload } from '@/lib/validations/eval-run';
import { CommandFailure, describeIssues } from './command';
import { EXIT_CONFIG_ERROR, EXIT_SERVER_ERROR, requestServer, ServerRefusal, type ServerTarget } from './server';

export interface UploadedRun {
  id: string | number;
  url: string;
  total: number;
  passed: number;
  passRate: number;
}

const asServerFailure = (err: unknown) =>
  err instanceof ServerRefusal && err.exitCode !== EXIT_SERVER_ERROR
    ? new CommandFailure(err.message, EXIT_SERVER_ERROR)
    : err;

/** The run marked baseline for the feature, or null when there is none yet. */
export async function fetchBaseline(target: ServerTarget, feature: string): Promise<BaselineRun | null> {
  let answer: unknown;
  try {
    answer = await requestServer(target, 'GET', `/api/v1/features/${encodeURIComponent(feature)}/eval-runs/baseline`);
  } catch (err) {
    if (err instanceof ServerRefusal && err.status === 404) return null;
    if (err instanceof ServerRefusal && err.status === 403) {
      throw new CommandFailure(
        `${err.message}\nThe baseline is read with the read scope; give the key read as well, or compare against a file with --baseline F.`,
        EXIT_SERVER_ERROR,
      );
    }
    throw asServerFailure(err);
  }
  const parsed = BaselineRunSchema.safeParse(answer);
  if (!parsed.success)
    throw new CommandFailure(
      `The server's baseline run for ${feature} is not a run with results: ${describeIssues(parsed.error, String)}`,
      EXIT_SERVER_ERROR,
    );
  return parsed.data;
}

/** A previous `--output` file (or any file of results with name and passed). */
export async function readBaselineFile(filePath: string, displayName: string): Promise<BaselineRun> {
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(filePath, 'utf8'));
  } catch (err) {
    throw new CommandFailure(`Cannot read the baseline ${displayName}: ${(err as Error).message}`, EXIT_CONFIG_ERROR);
  }
  const parsed = BaselineRunSchema.safeParse(data);
  if (!parsed.success) {
    throw new CommandFailure(
      `${displayName} is not a results file of \`switchboard eval --output\`:\n${describeIssues(parsed.error, (k) => k)}`,
      EXIT_CONFIG_ERROR,
    );
  }
  return parsed.data;
}

/** Checks the run against the upload schema (exit 3 when it does not fit), then posts it. */
export async function uploadRun(target: ServerTarget, run: EvalRunUpload): Promise<UploadedRun> {
  const checked = EvalRunUploadSchema.safeParse(run);
  if (!checked.success) {
    const lines = checked.error.issues.map((i) => `  ${i.path.join('.') || '(run)'}: ${i.message}`);
    throw new CommandFailure(`The run cannot be uploaded as it is:\n${lines.join('\n')}`, EXIT_CONFIG_ERROR);
  }
  try {
    const uploaded = await requestServer<UploadedRun>(target, 'POST', '/api/v1/eval-runs', run);
    return { ...uploaded, url: uploaded.url?.startsWith('/') ? `${target.url}${uploaded.url}` : uploaded.url };
  } catch (err) {
    throw asServerFailure(err);
  }
}

/** The baseline of a run: the file given (--baseline F), else the server's when one is configured. */
export async function loadBaseline(
  file: { file: string; displayName: string } | undefined,
  server: ServerTarget | undefined,
  feature: string,
): Promise<BaselineRun | undefined> {
  if (file) return readBaselineFile(file.file, file.displayName);
  if (!server) return undefined;
  const baseline = await fetchBaseline(server, feature);
  if (!baseline) console.error(`No run is marked baseline for ${feature} yet: nothing to compare against.`);
  return baseline ?? undefined;
}
