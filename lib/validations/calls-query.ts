// The filters of the calls explorer (docs/api.md#querying-calls): one schema for GET /api/v1/calls
// and for the explorer page's URL, so that a link and an API request mean the same thing.
import { z } from 'zod';
import { DAY_MS } from '@/lib/time/units';
import { ERROR_TYPES, FEATURE_KEY_PATTERN, OUTCOMES, ROUTES } from './call';
import { EnvironmentSchema } from './environment';

export const DEFAULT_WINDOW_MS = DAY_MS;
export const MAX_LIMIT = 500;
export const EXPORT_FORMATS = ['json', 'csv', 'ndjson'] as const;

/** An empty form field means "no filter". */
const blank = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const text = (max: number) =>
  z
    .string()
    .max(max, `Use at most ${max} characters.`)
    .regex(/^[^\u0000]*$/, 'Must not contain NUL characters.');
const number = (max: number) =>
  z.coerce
    .number({ error: 'Give a number.' })
    .refine(Number.isFinite, 'Give a number.')
    .min(0, 'Must be 0 or more.')
    .max(max, `Must be at most ${max}.`);

/** ISO-8601; without a zone it is read as UTC (what an <input type="datetime-local"> sends). */
export const instant = z.iso
  .datetime({ offset: true, local: true, error: 'Give an ISO-8601 time, e.g. 2026-01-31T12:00:00Z.' })
  .transform((s) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`));

export interface CallsCursor {
  /** The call's timestamp in microseconds since the epoch, as Postgres stores it. */
  tsMicros: string;
  id: string;
}

export function encodeCursor(cursor: CallsCursor): string {
  return Buffer.from(`${cursor.tsMicros}.${cursor.id}`).toString('base64url');
}

const cursor = z.string().transform((s, ctx): CallsCursor => {
  const match = /^(\d{1,17})\.([0-9a-f-]{36})$/.exec(Buffer.from(s, 'base64url').toString());
  if (!match || !z.guid().safeParse(match[2]).success) {
    ctx.addIssue({ code: 'custom', message: 'Not a cursor this API gave out; use nextCursor from the previous page.' });
    return z.NEVER;
  }
  return { tsMicros: match[1], id: match[2] };
});

export const CallsQuerySchema = z
  .strictObject(
    {
      feature: optional(
        z.string().regex(FEATURE_KEY_PATTERN, 'Not a feature key (lowercase letters, digits, ".", "_", "-").'),
      ),
      from: optional(instant),
      to: optional(instant),
      model: optional(text(200)),
      route: optional(z.enum(ROUTES)),
      outcome: optional(z.enum(OUTCOMES)),
      errorType: optional(z.enum(ERROR_TYPES)),
      userId: optional(text(200)),
      sessionId: optional(text(200)),
      release: optional(text(200)),
      environment: z.preprocess(blank, EnvironmentSchema.default('production')),
      minCostUsd: optional(number(100_000)),
      maxCostUsd: optional(number(100_000)),
      minLatencyMs: optional(number(DAY_MS)),
      maxLatencyMs: optional(number(DAY_MS)),
      q: optional(text(200).trim().min(2, 'Search for at least 2 characters.')),
      limit: z.preprocess(
        blank,
        z.coerce
          .number({ error: 'Give a number.' })
          .int('Give a whole number.')
          .min(1, 'Must be 1 or more.')
          .max(MAX_LIMIT, `Must be at most ${MAX_LIMIT}.`)
          .default(50),
      ),
      cursor: optional(cursor),
      format: z.preprocess(blank, z.enum(EXPORT_FORMATS).default('json')),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `Unknown parameter: ${issue.keys.join(', ')}.` : undefined,
    },
  )
  .transform((query, ctx) => {
    const to = query.to ?? new Date();
    const from = query.from ?? new Date(to.getTime() - DEFAULT_WINDOW_MS);
    if (from >= to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Must be before "to".' });
    const inverted = (lo?: number, hi?: number) => lo !== undefined && hi !== undefined && lo > hi;
    if (inverted(query.minCostUsd, query.maxCostUsd))
      ctx.addIssue({ code: 'custom', path: ['minCostUsd'], message: 'Must not exceed maxCostUsd.' });
    if (inverted(query.minLatencyMs, query.maxLatencyMs))
      ctx.addIssue({ code: 'custom', path: ['minLatencyMs'], message: 'Must not exceed maxLatencyMs.' });
    return { ...query, from, to };
  });

export type CallsQuery = z.output<typeof CallsQuerySchema>;
export type CallsFilters = Omit<CallsQuery, 'format' | 'limit' | 'cursor'>;

/** The filter fields a person can set, in the order the form shows them. */
export const FILTER_FIELDS = [
  'feature',
  'outcome',
  'errorType',
  'route',
  'model',
  'environment',
  'from',
  'to',
  'userId',
  'sessionId',
  'release',
  'minLatencyMs',
  'maxLatencyMs',
  'minCostUsd',
  'maxCostUsd',
  'q',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/**
 * URL search params (or Next's searchParams) as the schema's input: a parameter given twice stays
 * an array, which the schema refuses by name rather than silently taking one of the values.
 */
export function searchParamsInput(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, unknown> {
  const entries =
    params instanceof URLSearchParams
      ? [...params.keys()].map((k) => [k, params.getAll(k)] as const)
      : Object.entries(params);
  const raw: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    raw[name] = Array.isArray(value) && value.length === 1 ? value[0] : value;
  }
  return raw;
}
