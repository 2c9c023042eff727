// `switchboard slo get|apply`: SLOs and budgets as code, through the running app's API.
import path from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { REASON_HEADER } from '@/lib/api/change-reason';
import type { SloChange } from '@/lib/slo/diff';
import { describeChange } from '@/lib/slo/describe';
import { formatOpenSlo, toOpenSlo } from '@/lib/slo/openslo';
import type { SloDocument } from '@/lib/validations/slo';
import { FeatureKeySchema } from '@/lib/validations/slo';
import { defineCommand } from '../command';
import { readSloFile } from '../slo-file';
import {
  EXIT_CONFIG_ERROR,
  EXIT_SERVER_ERROR,
  requestServer,
  serverOptions,
  serverOptionsShape,
  serverTarget,
} from '../server';

const EXIT_CODES = `Exit codes: 0 done, 2 wrong usage, ${EXIT_CONFIG_ERROR} the document is invalid (nothing changed), ${EXIT_SERVER_ERROR} the server could not be reached or refused (key, scope, unknown feature).`;
const TARGET = z.object(serverOptionsShape);
const slosPath = (feature: string) => `/api/v1/features/${encodeURIComponent(feature)}/slos`;

export const sloGet = defineCommand({
  path: ['slo', 'get'],
  summary: "Prints a feature's SLOs, cost budgets and auto-trip policies as YAML, ready for `slo apply`.",
  usage: '<feature> [--format switchboard|openslo] [--url URL] [--key KEY]',
  help: [
    'The key needs the read scope. Example: npx switchboard slo get support-agent > slo/support-agent.yaml',
    '--format openslo prints the SLOs as OpenSLO documents (openslo/v1, kind SLO), one per SLO; budgets and auto-trip have no OpenSLO form and are left out.',
    EXIT_CODES,
  ],
  options: {
    ...serverOptions,
    format: { type: 'string', value: 'FORMAT', description: 'switchboard (our document, the default) or openslo.' },
  },
  positionals: ['feature'],
  schema: TARGET.extend({
    feature: FeatureKeySchema,
    format: z
      .enum(['switchboard', 'openslo'], { error: 'Must be switchboard (our document) or openslo.' })
      .default('switchboard'),
  }),
  async run(input) {
    const document = await requestServer<SloDocument>(serverTarget(input, 'read'), 'GET', slosPath(input.feature));
    if (input.format === 'switchboard') {
      process.stdout.write(stringify({ feature: input.feature, ...document }));
      return;
    }
    if (!document.slos.length) console.error(`${input.feature} has no SLOs: nothing to print.`);
    process.stdout.write(formatOpenSlo(toOpenSlo(input.feature, document.slos)));
  },
});

export const sloApply = defineCommand({
  path: ['slo', 'apply'],
  summary: "Makes a feature's SLOs, cost budgets and auto-trip policies what a YAML or JSON file says.",
  usage: '<file.yaml|json> [--dry-run] [--reason TEXT] [--url URL] [--key KEY]',
  help: [
    'The file is the document of `GET /api/v1/features/{key}/slos` with `feature:` on top. It replaces the whole definition: SLOs missing from it are deleted, and budgets or autoTrip left out fall back to none/off. Run `slo get` for a starting point.',
    'Or the file holds OpenSLO documents (openslo/v1, kind SLO, all for one service: the feature), as `slo get --format openslo` prints them. They replace the SLOs and leave budgets and auto-trip as they are.',
    'The key needs the config:write scope. Every change is audited with the key as its author and --reason as why.',
    EXIT_CODES,
  ],
  options: {
    ...serverOptions,
    'dry-run': { type: 'boolean', description: 'Validate and show what would change, without changing it.' },
    reason: { type: 'string', value: 'TEXT', description: 'Why, for the audit log (e.g. "Q3 budget review").' },
  },
  positionals: ['file'],
  schema: TARGET.extend({
    file: z.string().min(1),
    'dry-run': z.boolean().default(false),
    reason: z
      .string()
      .trim()
      .min(1, 'Say why, or leave --reason out.')
      .max(500, 'Keep the reason under 500 characters.')
      .optional(),
  }),
  async run(input, context) {
    const target = serverTarget(input, 'config:write');
    const { feature, body } = await readSloFile(path.resolve(context.callerCwd, input.file), input.file);
    const dryRun = input['dry-run'];
    const reasonHeader: Record<string, string> = input.reason
      ? { [REASON_HEADER]: encodeURIComponent(input.reason) }
      : {};
    const { changes } = await requestServer<{ changes: SloChange[] }>(
      target,
      'PUT',
      `${slosPath(feature)}${dryRun ? '?dryRun=true' : ''}`,
      body,
      reasonHeader,
    );
    console.log(summary(feature, input.file, changes, dryRun));
  },
});

function summary(feature: string, file: string, changes: SloChange[], dryRun: boolean): string {
  if (!changes.length) return `${feature} already matches ${file}: nothing to change.`;
  const count = `${changes.length} change${changes.length === 1 ? '' : 's'}`;
  const head = dryRun
    ? `Dry run: applying ${file} to ${feature} would make ${count} (nothing was changed):`
    : `Applied ${file} to ${feature}: ${count}.`;
  return [head, ...changes.map((c) => `  ${describeChange(c)}`)].join('\n');
}
