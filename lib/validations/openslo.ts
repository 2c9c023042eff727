// OpenSLO `openslo/v1` `kind: SLO` documents as Switchboard reads them (docs/slos.md#openslo): the
// subset that maps one to one onto our SLOs. Whatever else OpenSLO allows is refused by name, never
// dropped, so that `slo get --format openslo` writes back exactly what was applied.
import { z } from 'zod';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@/lib/time/units';
import { SLO_WINDOWS, type SloWindow } from '@/lib/slo/windows';
import { FeatureKeySchema, ObjectiveSchema, SloNameSchema, SloSchema, strict, type Slo } from './slo';

export const OPENSLO_API_VERSION = 'openslo/v1';
/** The `metricSource.type` of our own counts: the feature's calls, scores and eval runs. */
export const SWITCHBOARD_SOURCE = 'Switchboard';
/** At most this many SLOs per feature, as in our document. */
const MAX_SLOS = 50;

const quoted = (value: unknown) =>
  typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));

/** A field OpenSLO has and Switchboard cannot keep: refused, saying why. */
const refused = (message: string) => z.never({ error: message }).optional();

/** A descriptive field of OpenSLO: our SLOs have no place for it, and `slo get` could not write it back. */
const notStored = (field: string) =>
  refused(`Switchboard does not store ${field}, so it would be lost on the way back: remove it.`);

/** Exactly one item, counted even when an item is refused, so that both problems are reported at once. */
const exactlyOne = <T extends z.ZodType>(item: T, notAList: string, message: string) =>
  z
    .array(item, { error: notAList })
    .refine((list) => list.length === 1, { message, when: ({ value }) => Array.isArray(value) });

const ApiVersionSchema = z.literal(OPENSLO_API_VERSION, {
  error: (issue) =>
    issue.input === undefined
      ? `apiVersion is required: ${OPENSLO_API_VERSION}.`
      : `Only apiVersion "${OPENSLO_API_VERSION}" is supported, not ${quoted(issue.input)}.`,
});

function kindMessage(kind: unknown): string {
  switch (kind) {
    case undefined:
      return 'kind is required: SLO.';
    case 'Service':
      return "kind Service is not applied: the feature is the service, and each SLO's spec.service names it. Remove this document.";
    case 'SLI':
      return 'kind SLI is not supported: define the indicator inline, in spec.indicator of each SLO.';
    case 'AlertPolicy':
    case 'AlertCondition':
    case 'AlertNotificationTarget':
      return `kind ${kind} is not supported: Switchboard's multiwindow burn-rate alerts apply to every SLO.`;
    case 'DataSource':
      return `kind DataSource is not supported: Switchboard counts the feature's own calls (metricSource type ${SWITCHBOARD_SOURCE}).`;
    default:
      return `Only kind SLO is supported, not ${quoted(kind)}.`;
  }
}

/** apiVersion and kind first: a document of another kind gets one message, not one per field. */
const HeadSchema = z.looseObject(
  { apiVersion: ApiVersionSchema, kind: z.literal('SLO', { error: (issue) => kindMessage(issue.input) }) },
  { error: 'Each document must be an object: apiVersion, kind, metadata and spec.' },
);

const MetadataSchema = strict(
  {
    name: SloNameSchema,
    displayName: notStored('displayName'),
    labels: notStored('labels'),
    annotations: notStored('annotations'),
  },
  "metadata must be an object with the SLO's name, e.g. { name: fast-answers }.",
);

const UNIT_MS: Record<string, number> = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS };
const WINDOW_NAMES = Object.keys(SLO_WINDOWS).join(', ');

/** A duration shorthand (`28d`, `4w`, `720h`) that is one of our rolling windows. */
const DurationSchema = z
  .string({ error: `duration must be a duration such as 28d: one of ${WINDOW_NAMES}.` })
  .transform((text, ctx): SloWindow => {
    const [, amount, unit] = /^(\d{1,9})([mhdwMQY])$/.exec(text) ?? [];
    const ms = unit && UNIT_MS[unit] ? Number(amount) * UNIT_MS[unit] : undefined;
    const window = Object.entries(SLO_WINDOWS).find(([, length]) => length === ms)?.[0] as SloWindow | undefined;
    if (window) return window;
    const message = !unit
      ? `"${text}" is not a duration: write a whole number and a unit (m, h, d or w), e.g. 28d.`
      : !UNIT_MS[unit]
        ? `"${text}": months, quarters and years vary in length; write the window in days: ${WINDOW_NAMES}.`
        : `"${text}" is not a window Switchboard has: use ${WINDOW_NAMES} (or the same length in weeks, hours or minutes, e.g. 4w or 720h).`;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });

const TimeWindowSchema = strict(
  {
    duration: DurationSchema,
    isRolling: z.literal(true, {
      error: (issue) =>
        issue.input === false
          ? "Calendar windows are not supported: Switchboard's windows are rolling (isRolling: true)."
          : "isRolling must be true: Switchboard's windows are rolling.",
    }),
    calendar: refused('Calendar windows are not supported: remove calendar and set isRolling: true.'),
  },
  'Each time window must be an object, e.g. { duration: 28d, isRolling: true }.',
);

const ObjectiveEntrySchema = strict(
  {
    target: ObjectiveSchema,
    displayName: notStored('displayName'),
    targetPercent: refused('targetPercent is not supported: write target as a fraction (0.995 for 99.5%).'),
    op: refused('op belongs to thresholdMetric, which is not supported.'),
    value: refused('value belongs to thresholdMetric, which is not supported.'),
    timeSliceTarget: refused('timeSliceTarget belongs to Timeslices budgeting, which is not supported.'),
    timeSliceWindow: refused('timeSliceWindow belongs to Timeslices budgeting, which is not supported.'),
  },
  'Each objective must be an object, e.g. { target: 0.99 }.',
);

const SourceTypeSchema = z.literal(SWITCHBOARD_SOURCE, {
  error: (issue) =>
    issue.input === undefined
      ? `type is required: ${SWITCHBOARD_SOURCE}.`
      : `Only type "${SWITCHBOARD_SOURCE}" is supported, not ${quoted(issue.input)}: Switchboard counts the feature's own calls.`,
});
const NO_SOURCE_REF = `metricSourceRef is not supported: write type: ${SWITCHBOARD_SOURCE}.`;

/** Our SLI's fields; checked against our SLO schema once the whole SLO is put together. */
const SliFieldsSchema = z.looseObject(
  {
    name: refused("The SLO's name is metadata.name, not a field here."),
    objective: refused('The objective is spec.objectives[0].target, not a field here.'),
    window: refused('The window is spec.timeWindow[0].duration, not a field here.'),
  },
  { error: "spec must be an object of the SLI's fields, e.g. { sli: availability, countFallbackAsGood: true }." },
);

const RatioMetricSchema = strict(
  {
    counter: z.literal(true, { error: 'counter must be true: Switchboard counts events.' }),
    good: strict(
      {
        metricSource: strict(
          { type: SourceTypeSchema, metricSourceRef: refused(NO_SOURCE_REF), spec: SliFieldsSchema },
          `metricSource must be { type: ${SWITCHBOARD_SOURCE}, spec: { sli: … } }.`,
        ),
      },
      `good must be { metricSource: { type: ${SWITCHBOARD_SOURCE}, spec: { sli: … } } }.`,
    ),
    total: strict(
      {
        metricSource: strict(
          {
            type: SourceTypeSchema,
            metricSourceRef: refused(NO_SOURCE_REF),
            spec: refused('total takes no spec: the SLI in good.metricSource.spec decides which events count.'),
          },
          `metricSource must be { type: ${SWITCHBOARD_SOURCE} }.`,
        ),
      },
      `total must be { metricSource: { type: ${SWITCHBOARD_SOURCE} } }.`,
    ),
    bad: refused('bad is not supported: give good and total (Switchboard counts good events).'),
    raw: refused('raw is not supported: give good and total.'),
    rawType: refused('rawType is not supported: give good and total.'),
  },
  'ratioMetric must be an object: counter, good and total.',
);

const IndicatorSchema = strict(
  {
    metadata: strict(
      {
        name: z.string({ error: 'Name the indicator like its SLO (metadata.name).' }),
        displayName: notStored('displayName'),
      },
      "metadata must be { name: <the SLO's name> }.",
    ),
    spec: strict(
      {
        ratioMetric: RatioMetricSchema,
        thresholdMetric: refused('thresholdMetric is not supported, use ratioMetric: good events of total events.'),
        description: notStored('description'),
      },
      'spec must be { ratioMetric: … }.',
    ),
  },
  'indicator must be an object: metadata and spec.',
);

const SpecSchema = strict(
  {
    service: FeatureKeySchema,
    description: notStored('description'),
    indicator: IndicatorSchema,
    indicatorRef: refused('indicatorRef is not supported: define the indicator inline, in spec.indicator.'),
    timeWindow: exactlyOne(
      TimeWindowSchema,
      'timeWindow must be a list of one window, e.g. [{ duration: 28d, isRolling: true }].',
      'Give exactly one time window.',
    ),
    budgetingMethod: z.literal('Occurrences', {
      error: (issue) =>
        issue.input === undefined
          ? 'budgetingMethod is required: Occurrences.'
          : `Only "Occurrences" is supported (good events of all events), not ${quoted(issue.input)}.`,
    }),
    objectives: exactlyOne(
      ObjectiveEntrySchema,
      'objectives must be a list of one objective, e.g. [{ target: 0.99 }].',
      'Give exactly one objective: a Switchboard SLO has one target (write one SLO per target).',
    ),
    alertPolicies: refused(
      "alertPolicies are not supported: Switchboard's multiwindow burn-rate alerts apply to every SLO.",
    ),
  },
  'spec must be an object: service, indicator, timeWindow, budgetingMethod and objectives.',
);

const SloDocumentShapeSchema = strict({
  apiVersion: ApiVersionSchema,
  kind: z.literal('SLO'),
  metadata: MetadataSchema,
  spec: SpecSchema,
});
type SloDocumentShape = z.output<typeof SloDocumentShapeSchema>;

const GOOD_SPEC_PATH = ['spec', 'indicator', 'spec', 'ratioMetric', 'good', 'metricSource', 'spec'];

/** Where a field of our SLO came from in the OpenSLO document. */
function openSloPath(path: PropertyKey[]): PropertyKey[] {
  const [field, ...rest] = path;
  if (field === 'name') return ['metadata', 'name', ...rest];
  if (field === 'objective') return ['spec', 'objectives', 0, 'target', ...rest];
  if (field === 'window') return ['spec', 'timeWindow', 0, 'duration', ...rest];
  return [...GOOD_SPEC_PATH, ...path];
}

export interface OpenSloSlo {
  service: string;
  slo: Slo;
}

/**
 * One `kind: SLO` document, put together into our SLO and checked by our SLO schema; for `feature`
 * when given, so that a document for another service is named even when others are refused.
 */
const openSloDocumentSchema = (feature?: string) =>
  HeadSchema.pipe(SloDocumentShapeSchema).transform((doc: SloDocumentShape, ctx): OpenSloSlo => {
    const { name } = doc.metadata;
    if (feature !== undefined && doc.spec.service !== feature) {
      ctx.addIssue({
        code: 'custom',
        path: ['spec', 'service'],
        message: `This SLO is for "${doc.spec.service}" but is applied to the feature "${feature}": spec.service must name the feature.`,
      });
    }
    if (doc.spec.indicator.metadata.name !== name) {
      ctx.addIssue({
        code: 'custom',
        path: ['spec', 'indicator', 'metadata', 'name'],
        message: `Name the indicator like its SLO, "${name}": Switchboard keeps one name per SLO.`,
      });
    }
    const parsed = SloSchema.safeParse({
      ...doc.spec.indicator.spec.ratioMetric.good.metricSource.spec,
      name,
      objective: doc.spec.objectives[0]!.target,
      window: doc.spec.timeWindow[0]!.duration,
    });
    for (const issue of parsed.error?.issues ?? [])
      ctx.addIssue({ ...issue, path: openSloPath(issue.path) } as z.core.$ZodRawIssue);
    return parsed.success ? { service: doc.spec.service, slo: parsed.data } : z.NEVER;
  });

/**
 * A feature's SLOs as OpenSLO documents: at least one `kind: SLO`, all for one service — `feature`
 * when given (the API's URL), else whichever the first names (the CLI's file).
 */
export function openSloDocumentsSchema(feature?: string) {
  return z
    .array(openSloDocumentSchema(feature), {
      error: 'Send a list of OpenSLO documents (apiVersion openslo/v1, kind SLO).',
    })
    .min(1, 'Give at least one kind: SLO document.')
    .max(MAX_SLOS, `A feature can have at most ${MAX_SLOS} SLOs.`)
    .superRefine((docs, ctx) => {
      // Runs once every document passed (zod skips it otherwise); the guard keeps it safe regardless.
      const service = feature ?? docs.find((doc) => doc?.slo)?.service;
      const seen = new Set<string>();
      docs.forEach((doc, i) => {
        if (!doc?.slo) return;
        if (doc.service !== service && feature === undefined) {
          const message = `This SLO is for "${doc.service}" but the first document's is for "${service}": one file applies to one feature.`;
          ctx.addIssue({ code: 'custom', path: [i, 'spec', 'service'], message });
        }
        if (seen.has(doc.slo.name))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'metadata', 'name'],
            message: `Another SLO is already named "${doc.slo.name}"; names must be unique.`,
          });
        seen.add(doc.slo.name);
      });
    })
    .transform((docs) => ({ service: feature ?? docs[0]!.service, slos: docs.map((d) => d.slo) }));
}
export type OpenSloSlos = z.output<ReturnType<typeof openSloDocumentsSchema>>;
