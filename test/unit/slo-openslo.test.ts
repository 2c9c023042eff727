import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '@/lib/cli/command';
import { sloGet } from '@/lib/cli/commands/slo';
import { parseSloApplyFile } from '@/lib/cli/slo-file';
import { canonicalDocument } from '@/lib/slo/document';
import { formatOpenSlo, fromOpenSlo, isOpenSlo, toOpenSlo } from '@/lib/slo/openslo';
import { sloChangeOf } from '@/lib/slo/put-body';
import { openSloDocumentsSchema } from '@/lib/validations/openslo';
import { SloDocumentSchema, SloSchema, type Slo } from '@/lib/validations/slo';

const FIXTURES = path.resolve('test/fixtures/openslo');
const fixtureText = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const fixture = (name: string) => parseAllDocuments(fixtureText(name)).map((doc) => doc.toJS() as unknown);

/** Every SLI kind and option of docs/slos.md#the-document, in canonical form. */
const EVERY_KIND: Slo[] = [
  { name: 'fast-answers', sli: 'latency', measure: 'total', thresholdMs: 30000, objective: 0.99, window: '28d' },
  { name: 'first-token', sli: 'latency', measure: 'ttft', thresholdMs: 2000, objective: 0.95, window: '7d' },
  { name: 'up', sli: 'availability', countFallbackAsGood: true, objective: 0.995, window: '30d' },
  {
    name: 'primary-up',
    sli: 'availability',
    countFallbackAsGood: false,
    objective: 0.99,
    window: '30d',
    environment: 'staging',
  },
  { name: 'correct', sli: 'accuracy', source: 'scores', minScore: 0.7, objective: 0.9, window: '7d' },
  { name: 'evals-pass', sli: 'accuracy', source: 'evals', objective: 0.95, window: '28d' },
  { name: 'cheap', sli: 'cost', maxCostUsd: 0.02, objective: 0.99, window: '30d' },
].map((slo) => SloSchema.parse(slo));

/** The refusals of an OpenSLO file as "path: message" lines. */
function refusals(documents: unknown, feature?: string): string[] {
  const result = openSloDocumentsSchema(feature).safeParse(documents);
  if (result.success) throw new Error('expected the documents to be refused');
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('OpenSLO round trips', () => {
  it('reads the fixture of every SLI kind and writes it back byte for byte', () => {
    const { service, slos } = fromOpenSlo(fixture('valid.yaml'));
    expect(service).toBe('support-agent');
    expect(slos).toEqual(EVERY_KIND);
    expect(formatOpenSlo(toOpenSlo(service, slos))).toBe(fixtureText('valid.yaml'));
  });

  it("accepts docs/slos.md's example and writes it back as written, comments aside", () => {
    const docs = fs.readFileSync('docs/slos.md', 'utf8');
    const example = /## OpenSLO[\s\S]*?```yaml\n([\s\S]*?)```/.exec(docs)![1]!;
    const { service, slos } = fromOpenSlo(parseAllDocuments(example).map((d) => d.toJS()));
    expect(slos.map((s) => s.sli)).toEqual(['latency', 'accuracy']);
    expect(formatOpenSlo(toOpenSlo(service, slos))).toBe(example.replace(/ +#.*$/gm, ''));
  });

  it('gives back our SLOs of every kind, defaults and environment included', () => {
    const documents = toOpenSlo('support-agent', EVERY_KIND);
    expect(fromOpenSlo(documents, 'support-agent')).toEqual({ service: 'support-agent', slos: EVERY_KIND });
    // Through YAML text too, as the CLI and the API carry them.
    expect(fromOpenSlo(parseAllDocuments(formatOpenSlo(documents)).map((d) => d.toJS())).slos).toEqual(EVERY_KIND);
  });

  it("puts our SLI's fields in good.metricSource.spec, and nothing we do not store", () => {
    const [latency] = toOpenSlo('support-agent', EVERY_KIND);
    expect(latency).toEqual({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'fast-answers' },
      spec: {
        service: 'support-agent',
        indicator: {
          metadata: { name: 'fast-answers' },
          spec: {
            ratioMetric: {
              counter: true,
              good: {
                metricSource: {
                  type: 'Switchboard',
                  spec: { sli: 'latency', measure: 'total', thresholdMs: 30000, environment: 'production' },
                },
              },
              total: { metricSource: { type: 'Switchboard' } },
            },
          },
        },
        timeWindow: [{ duration: '28d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 0.99 }],
      },
    });
    expect(formatOpenSlo([])).toBe('');
  });

  it('fills in our defaults for fields left out, as our document does', () => {
    const [doc] = toOpenSlo('f', [EVERY_KIND[0]!]);
    const spec = doc!.spec.indicator.spec.ratioMetric.good.metricSource.spec;
    delete spec.measure;
    delete spec.environment;
    expect(fromOpenSlo(doc).slos[0]).toEqual(EVERY_KIND[0]);
  });

  it.each([
    ['7d', '7d'],
    ['1w', '7d'],
    ['168h', '7d'],
    ['10080m', '7d'],
    ['28d', '28d'],
    ['4w', '28d'],
    ['672h', '28d'],
    ['30d', '30d'],
    ['720h', '30d'],
  ])('reads the window %s as %s', (duration, window) => {
    const [doc] = toOpenSlo('f', [EVERY_KIND[2]!]);
    doc!.spec.timeWindow[0].duration = duration as Slo['window'];
    expect(fromOpenSlo(doc).slos[0]!.window).toBe(window);
  });

  it.each([
    [
      '14d',
      '"14d" is not a window Switchboard has: use 7d, 28d, 30d (or the same length in weeks, hours or minutes, e.g. 4w or 720h).',
    ],
    ['1M', '"1M": months, quarters and years vary in length; write the window in days: 7d, 28d, 30d.'],
    ['1Q', '"1Q": months, quarters and years vary in length; write the window in days: 7d, 28d, 30d.'],
    ['28 days', '"28 days" is not a duration: write a whole number and a unit (m, h, d or w), e.g. 28d.'],
    ['-7d', '"-7d" is not a duration: write a whole number and a unit (m, h, d or w), e.g. 28d.'],
  ])('refuses the window %s by name', (duration, message) => {
    const [doc] = toOpenSlo('f', [EVERY_KIND[2]!]);
    doc!.spec.timeWindow[0].duration = duration as Slo['window'];
    expect(refusals([doc])).toEqual([`0.spec.timeWindow.0.duration: ${message}`]);
  });
});

describe('OpenSLO refused by name', () => {
  it('refuses Timeslices budgeting and its objective fields', () => {
    expect(refusals(fixture('timeslices.yaml'))).toEqual([
      '0.spec.budgetingMethod: Only "Occurrences" is supported (good events of all events), not "Timeslices".',
      '0.spec.objectives.0.timeSliceTarget: timeSliceTarget belongs to Timeslices budgeting, which is not supported.',
      '0.spec.objectives.0.timeSliceWindow: timeSliceWindow belongs to Timeslices budgeting, which is not supported.',
    ]);
  });

  it('refuses calendar windows', () => {
    expect(refusals(fixture('calendar.yaml'))).toEqual([
      '0.spec.timeWindow.0.duration: "1M": months, quarters and years vary in length; write the window in days: 7d, 28d, 30d.',
      "0.spec.timeWindow.0.isRolling: Calendar windows are not supported: Switchboard's windows are rolling (isRolling: true).",
      '0.spec.timeWindow.0.calendar: Calendar windows are not supported: remove calendar and set isRolling: true.',
    ]);
  });

  it("refuses another tool's SLO field by field: descriptions, thresholdMetric, two objectives, alert policies", () => {
    const notStored = (field: string) =>
      `Switchboard does not store ${field}, so it would be lost on the way back: remove it.`;
    expect(refusals(fixture('foreign.yaml'))).toEqual([
      `0.metadata.displayName: ${notStored('displayName')}`,
      `0.metadata.labels: ${notStored('labels')}`,
      `0.spec.description: ${notStored('description')}`,
      '0.spec.indicator.spec.ratioMetric: ratioMetric must be an object: counter, good and total.',
      '0.spec.indicator.spec.thresholdMetric: thresholdMetric is not supported, use ratioMetric: good events of total events.',
      `0.spec.objectives.0.displayName: ${notStored('displayName')}`,
      '0.spec.objectives.0.op: op belongs to thresholdMetric, which is not supported.',
      '0.spec.objectives.0.value: value belongs to thresholdMetric, which is not supported.',
      '0.spec.objectives: Give exactly one objective: a Switchboard SLO has one target (write one SLO per target).',
      "0.spec.alertPolicies: alertPolicies are not supported: Switchboard's multiwindow burn-rate alerts apply to every SLO.",
    ]);
  });

  it('refuses metric sources other than Switchboard, and bad instead of good', () => {
    const at = '0.spec.indicator.spec.ratioMetric';
    expect(refusals(fixture('prometheus.yaml'))).toEqual([
      `${at}.good: good must be { metricSource: { type: Switchboard, spec: { sli: … } } }.`,
      `${at}.total.metricSource.type: Only type "Switchboard" is supported, not "Prometheus": Switchboard counts the feature's own calls.`,
      `${at}.total.metricSource.metricSourceRef: metricSourceRef is not supported: write type: Switchboard.`,
      `${at}.total.metricSource.spec: total takes no spec: the SLI in good.metricSource.spec decides which events count.`,
      `${at}.bad: bad is not supported: give good and total (Switchboard counts good events).`,
    ]);
  });

  it('refuses other kinds and versions by their kind', () => {
    expect(refusals(fixture('other-kinds.yaml'))).toEqual([
      "0.kind: kind Service is not applied: the feature is the service, and each SLO's spec.service names it. Remove this document.",
      '1.kind: kind SLI is not supported: define the indicator inline, in spec.indicator of each SLO.',
      "2.kind: kind AlertPolicy is not supported: Switchboard's multiwindow burn-rate alerts apply to every SLO.",
      '3.apiVersion: Only apiVersion "openslo/v1" is supported, not "openslo/v1alpha".',
    ]);
  });

  it("checks our SLI's fields with our SLO schema, at the OpenSLO field's path", () => {
    const good = 'spec.indicator.spec.ratioMetric.good.metricSource.spec';
    expect(refusals(fixture('sli-fields.yaml'))).toEqual([
      `0.${good}.thresholdMs: thresholdMs is required.`,
      `0.${good}: Unknown field: thresholdMS.`,
      `1.${good}.sli: sli must be one of latency, availability, accuracy, cost.`,
      '2.spec.objectives.0.target: Write the objective as a fraction: 0.995 for 99.5%, not 99.5.',
      `3.${good}.window: The window is spec.timeWindow[0].duration, not a field here.`,
      '4.spec.indicator.metadata.name: Name the indicator like its SLO, "cheap": Switchboard keeps one name per SLO.',
      '5.spec.timeWindow.0.duration: "14d" is not a window Switchboard has: use 7d, 28d, 30d (or the same length in weeks, hours or minutes, e.g. 4w or 720h).',
      `6.${good}.minScore: Give minScore: the score (0–1) a call needs to count as good.`,
    ]);
  });

  it('takes one service per file and unique names; the API names the service in its URL', () => {
    expect(refusals(fixture('services.yaml'))).toEqual([
      '1.spec.service: This SLO is for "billing-agent" but the first document\'s is for "support-agent": one file applies to one feature.',
      '2.metadata.name: Another SLO is already named "up"; names must be unique.',
    ]);
    expect(refusals(fixture('valid.yaml').slice(0, 1), 'billing-agent')).toEqual([
      '0.spec.service: This SLO is for "support-agent" but is applied to the feature "billing-agent": spec.service must name the feature.',
    ]);
    // docs/slos.md's example answer: each document's problems at once, the service's too.
    const [timeslices] = fixture('timeslices.yaml') as { spec: Record<string, unknown> }[];
    delete (timeslices!.spec.objectives as Record<string, unknown>[])[0]!.timeSliceTarget;
    delete (timeslices!.spec.objectives as Record<string, unknown>[])[0]!.timeSliceWindow;
    const [calendar, elsewhere] = toOpenSlo('support-agent', EVERY_KIND.slice(1, 3));
    (calendar!.spec.timeWindow[0] as { isRolling: boolean }).isRolling = false;
    elsewhere!.spec.service = 'billing-agent';
    expect(refusals([timeslices, calendar, elsewhere], 'support-agent')).toEqual([
      '0.spec.budgetingMethod: Only "Occurrences" is supported (good events of all events), not "Timeslices".',
      "1.spec.timeWindow.0.isRolling: Calendar windows are not supported: Switchboard's windows are rolling (isRolling: true).",
      '2.spec.service: This SLO is for "billing-agent" but is applied to the feature "support-agent": spec.service must name the feature.',
    ]);
  });

  it('validates metadata.name like our names, and refuses unknown fields anywhere by name', () => {
    const [doc] = fixture('valid.yaml') as Record<string, Record<string, unknown>>[];
    expect(refusals([{ ...doc, metadata: { name: 'Fast Answers' } }])).toEqual([
      '0.metadata.name: Use lower-case letters, digits, ".", "_" or "-", starting with a letter or digit.',
    ]);
    expect(refusals([{ ...doc, status: 'ok', spec: { ...doc!.spec, budgetMethod: 'Occurrences' } }])).toEqual([
      '0.spec: Unknown field: budgetMethod.',
      '0: Unknown field: status.',
    ]);
  });

  it('refuses what is not a list of documents, and an empty one', () => {
    expect(refusals([])).toEqual([': Give at least one kind: SLO document.']);
    expect(refusals({ apiVersion: 'openslo/v1' })).toEqual([
      ': Send a list of OpenSLO documents (apiVersion openslo/v1, kind SLO).',
    ]);
    expect(refusals([null, 'SLO'])).toEqual([
      '0: Each document must be an object: apiVersion, kind, metadata and spec.',
      '1: Each document must be an object: apiVersion, kind, metadata and spec.',
    ]);
    expect(refusals([{ apiVersion: 'openslo/v1', kind: 'SLO', metadata: null, spec: [] }])).toEqual([
      "0.metadata: metadata must be an object with the SLO's name, e.g. { name: fast-answers }.",
      '0.spec: spec must be an object: service, indicator, timeWindow, budgetingMethod and objectives.',
    ]);
    expect(refusals(Array.from({ length: 51 }, () => fixture('valid.yaml')[0]))).toEqual([
      ': A feature can have at most 50 SLOs.',
    ]);
  });
});

describe('a PUT body in either format', () => {
  const current = canonicalDocument(
    SloDocumentSchema.parse({
      slos: [EVERY_KIND[0]],
      budgets: { dailyUsd: 50, monthlyUsd: 1200, thresholds: [0.5, 1] },
      autoTrip: { onPageAlert: true },
    }),
  );

  it('tells OpenSLO from our document by its shape', () => {
    expect(isOpenSlo([])).toBe(true);
    expect(isOpenSlo({ apiVersion: 'openslo/v1', kind: 'SLO' })).toBe(true);
    expect(isOpenSlo({ kind: 'Service' })).toBe(true);
    expect(isOpenSlo({ slos: [] })).toBe(false);
    expect(isOpenSlo(null)).toBe(false);
    expect(isOpenSlo('apiVersion')).toBe(false);
  });

  it('replaces the SLOs with OpenSLO and keeps budgets and auto-trip as they are', () => {
    const next = sloChangeOf(fixture('valid.yaml'), 'support-agent')(current);
    expect(SloDocumentSchema.parse(next)).toEqual({
      slos: EVERY_KIND,
      budgets: current.budgets,
      autoTrip: current.autoTrip,
    });
    // One document on its own, not in a list.
    expect(sloChangeOf(fixture('valid.yaml')[2], 'support-agent')(current)).toEqual({
      ...current,
      slos: [EVERY_KIND[2]],
    });
  });

  it('refuses refused OpenSLO with 400 and field paths before anything is read or written', () => {
    expect(() => sloChangeOf(fixture('valid.yaml'), 'billing-agent')).toThrow(
      expect.objectContaining({
        status: 400,
        message: 'The OpenSLO documents are not valid; nothing was changed.',
        fieldErrors: expect.objectContaining({
          '0.spec.service': [expect.stringContaining('applied to the feature "billing-agent"')],
        }),
      }),
    );
    expect(() => sloChangeOf(fixture('timeslices.yaml'), 'support-agent')).toThrow(
      expect.objectContaining({
        status: 400,
        fieldErrors: expect.objectContaining({ '0.spec.budgetingMethod': [expect.stringContaining('"Timeslices"')] }),
      }),
    );
    expect(() => sloChangeOf([], 'support-agent')).toThrow(
      expect.objectContaining({ status: 400, fieldErrors: { _: ['Give at least one kind: SLO document.'] } }),
    );
  });

  it('passes our document on whole, and refuses one naming another feature', () => {
    const doc = { feature: 'support-agent', slos: [] };
    expect(sloChangeOf(doc, 'support-agent')(current)).toEqual({ slos: [] });
    expect(sloChangeOf('garbage', 'support-agent')(current)).toBe('garbage');
    expect(() => sloChangeOf(doc, 'other')).toThrow(
      expect.objectContaining({
        status: 400,
        fieldErrors: { feature: ['The URL names "other" but the document says "support-agent".'] },
      }),
    );
  });
});

describe('the slo apply file in OpenSLO', () => {
  it('slo get takes --format switchboard (the default) or openslo', () => {
    expect(parseCommandArgs(sloGet, ['support-agent'])).toMatchObject({
      feature: 'support-agent',
      format: 'switchboard',
    });
    expect(parseCommandArgs(sloGet, ['support-agent', '--format', 'openslo'])).toMatchObject({ format: 'openslo' });
    expect(() => parseCommandArgs(sloGet, ['support-agent', '--format', 'xml'])).toThrow(
      '--format: Must be switchboard (our document) or openslo.',
    );
  });

  it('tells OpenSLO from our document, and takes the feature from spec.service', () => {
    const file = parseSloApplyFile(fixtureText('valid.yaml'), 'valid.yaml');
    expect(file).toMatchObject({ format: 'openslo', feature: 'support-agent' });
    expect(file.body).toEqual(fixture('valid.yaml'));
    expect(parseSloApplyFile('feature: f\nslos: []\n', 'ours.yaml')).toEqual({
      format: 'switchboard',
      feature: 'f',
      body: {
        slos: [],
        budgets: { dailyUsd: null, monthlyUsd: null, thresholds: [0.5, 0.8, 1] },
        autoTrip: { onPageAlert: false, onBudgetExhausted: false },
      },
    });
  });

  it('reads one document holding a list, as OpenSLO examples are written, and JSON', () => {
    const list = `- ${fixtureText('valid.yaml').split('---\n')[0]!.trimEnd().replaceAll('\n', '\n  ')}\n`;
    expect(parseSloApplyFile(list, 'list.yaml')).toMatchObject({
      format: 'openslo',
      feature: 'support-agent',
      body: [fixture('valid.yaml')[0]],
    });
    expect(parseSloApplyFile(JSON.stringify(fixture('valid.yaml')), 'slos.json').body).toHaveLength(7);
  });

  it('names file, line, column and field of each refusal, in whichever document it is', () => {
    expect(() => parseSloApplyFile(fixtureText('timeslices.yaml'), 'timeslices.yaml')).toThrow(
      expect.objectContaining({
        exitCode: 3,
        message: [
          'timeslices.yaml is not a valid OpenSLO file; nothing was changed:',
          'timeslices.yaml:27:20: 0.spec.budgetingMethod: Only "Occurrences" is supported (good events of all events), not "Timeslices".',
          'timeslices.yaml:30:24: 0.spec.objectives.0.timeSliceTarget: timeSliceTarget belongs to Timeslices budgeting, which is not supported.',
          'timeslices.yaml:31:24: 0.spec.objectives.0.timeSliceWindow: timeSliceWindow belongs to Timeslices budgeting, which is not supported.',
        ].join('\n'),
      }),
    );
    expect(() => parseSloApplyFile(fixtureText('other-kinds.yaml'), 'kinds.yaml')).toThrow(
      expect.objectContaining({ message: expect.stringContaining('kinds.yaml:20:7: 2.kind: kind AlertPolicy') }),
    );
    expect(() => parseSloApplyFile(fixtureText('sli-fields.yaml'), 'sli.yaml')).toThrow(
      expect.objectContaining({
        message: expect.stringContaining(
          'sli.yaml:20:15: 0.spec.indicator.spec.ratioMetric.good.metricSource.spec.thresholdMS: Unknown field: thresholdMS.',
        ),
      }),
    );
    expect(() => parseSloApplyFile('apiVersion: openslo/v1\nkind: SLO\n---\n[\n', 'broken.yaml')).toThrow(
      expect.objectContaining({
        exitCode: 3,
        message: expect.stringMatching(
          /^broken\.yaml is not valid YAML or JSON:\nbroken\.yaml:5:1: Flow sequence must end with a \]/,
        ),
      }),
    );
  });
});
