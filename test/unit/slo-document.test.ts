import { describe, expect, it } from 'vitest';
import { parseSloFile } from '@/lib/cli/slo-file';
import { describeChange, describeSlo } from '@/lib/slo/describe';
import { diffSloDocuments } from '@/lib/slo/diff';
import { canonicalDocument, rowToSlo, sloToRow } from '@/lib/slo/document';
import { withSlo, withoutSlo } from '@/lib/slo/edit';
import { SloDocumentSchema, type SloDocument } from '@/lib/validations/slo';

/** The example document of docs/slos.md#the-document (its JSON form). */
const SPEC_EXAMPLE = {
  slos: [
    { name: 'fast-answers', sli: 'latency', measure: 'total', thresholdMs: 30000, objective: 0.99, window: '28d' },
    { name: 'up', sli: 'availability', countFallbackAsGood: true, objective: 0.995, window: '30d' },
    { name: 'correct', sli: 'accuracy', source: 'scores', minScore: 0.7, objective: 0.95, window: '7d' },
    { name: 'cheap', sli: 'cost', maxCostUsd: 0.02, objective: 0.99, window: '30d' },
  ],
  budgets: { dailyUsd: 50, monthlyUsd: 1200, thresholds: [0.5, 0.8, 1.0] },
  autoTrip: { onPageAlert: false, onBudgetExhausted: false },
};

const parse = (doc: unknown) => SloDocumentSchema.parse(doc);

/** The issues of an invalid document as "path: message" strings. */
function issues(doc: unknown): string[] {
  const result = SloDocumentSchema.safeParse(doc);
  if (result.success) throw new Error('expected the document to be refused');
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const withSloField = (index: number, patch: Record<string, unknown>) => ({
  ...SPEC_EXAMPLE,
  slos: SPEC_EXAMPLE.slos.map((s, i) => (i === index ? { ...s, ...patch } : s)),
});

describe('the SLO document schema', () => {
  it('accepts the example of the spec and fills in the default environment', () => {
    const doc = parse(SPEC_EXAMPLE);
    expect(doc.slos.map((s) => s.environment)).toEqual(['production', 'production', 'production', 'production']);
    expect(doc.slos[2]).toMatchObject({ sli: 'accuracy', source: 'scores', minScore: 0.7 });
    expect(doc.budgets).toEqual({ dailyUsd: 50, monthlyUsd: 1200, thresholds: [0.5, 0.8, 1] });
  });

  it('reads an empty document as no SLOs, no budget and auto-trip off', () => {
    expect(parse({})).toEqual({
      slos: [],
      budgets: { dailyUsd: null, monthlyUsd: null, thresholds: [0.5, 0.8, 1] },
      autoTrip: { onPageAlert: false, onBudgetExhausted: false },
    });
  });

  it('says that 99 should be written 0.99, and refuses 0 and 1', () => {
    expect(issues(withSloField(0, { objective: 99 }))).toEqual([
      'slos.0.objective: Write the objective as a fraction: 0.99 for 99%, not 99.',
    ]);
    expect(issues(withSloField(1, { objective: 99.5 }))).toEqual([
      'slos.1.objective: Write the objective as a fraction: 0.995 for 99.5%, not 99.5.',
    ]);
    expect(issues(withSloField(0, { objective: 1 }))[0]).toBe(
      'slos.0.objective: The objective must be between 0 and 1 (both excluded), e.g. 0.99 for 99%.',
    );
    expect(issues(withSloField(0, { objective: 0 }))[0]).toContain('between 0 and 1');
    expect(issues(withSloField(0, { objective: '0.99' }))).toEqual([
      'slos.0.objective: The objective must be a number.',
    ]);
  });

  it.each([
    [{ sli: 'speed' }, 'slos.0.sli: sli must be one of latency, availability, accuracy, cost.'],
    [{ window: '14d' }, 'slos.0.window: The window must be one of 7d, 28d, 30d.'],
    [{ measure: 'p99' }, 'slos.0.measure: measure must be "total" (the whole call) or "ttft" (time to first token).'],
    [{ thresholdMs: -5 }, 'slos.0.thresholdMs: thresholdMs must be more than 0 ms.'],
    [{ thresholdMs: 1.5 }, 'slos.0.thresholdMs: thresholdMs must be a whole number of milliseconds.'],
    [
      { name: 'Fast Answers' },
      'slos.0.name: Use lower-case letters, digits, ".", "_" or "-", starting with a letter or digit.',
    ],
    [{ environment: 'prod env' }, 'slos.0.environment: Use letters, digits, ".", "_", ":" or "-".'],
    [{ colour: 'red' }, 'slos.0: Unknown field: colour.'],
    [{ thresholdMs: undefined }, 'slos.0.thresholdMs: thresholdMs is required.'],
  ])('names the field and the problem: %j', (patch, message) => {
    expect(issues(withSloField(0, patch))).toEqual([message]);
  });

  it('checks each SLI its own fields', () => {
    expect(issues(withSloField(2, { minScore: undefined }))).toEqual([
      'slos.2.minScore: Give minScore: the score (0–1) a call needs to count as good.',
    ]);
    expect(issues(withSloField(2, { source: 'evals' }))).toEqual([
      'slos.2.minScore: minScore applies only to source "scores"; eval cases pass or fail.',
    ]);
    expect(issues(withSloField(2, { minScore: 7 }))).toEqual(['slos.2.minScore: minScore must be between 0 and 1.']);
    expect(issues(withSloField(3, { maxCostUsd: 0 }))).toEqual(['slos.3.maxCostUsd: maxCostUsd must be more than $0.']);
    expect(issues(withSloField(1, { countFallbackAsGood: 'yes' }))[0]).toMatch(
      /^slos\.1\.countFallbackAsGood: countFallbackAsGood must be true/,
    );
    // A latency field on a cost SLO is an unknown field, not silently ignored.
    expect(issues(withSloField(3, { thresholdMs: 100 }))).toEqual(['slos.3: Unknown field: thresholdMs.']);
  });

  it('refuses two SLOs with one name', () => {
    expect(issues({ slos: [SPEC_EXAMPLE.slos[0], { ...SPEC_EXAMPLE.slos[1], name: 'fast-answers' }] })).toEqual([
      'slos.1.name: Another SLO is already named "fast-answers"; names must be unique.',
    ]);
  });

  it('checks budgets and auto-trip, with 80 instead of 0.8 explained', () => {
    expect(issues({ budgets: { dailyUsd: -1, thresholds: [50, 80] } })).toEqual([
      'budgets.dailyUsd: dailyUsd must be more than $0, or null for no budget.',
      'budgets.thresholds.0: Write thresholds as fractions of the budget: 0.5 for 50%.',
      'budgets.thresholds.1: Write thresholds as fractions of the budget: 0.8 for 80%.',
    ]);
    expect(issues({ budgets: { thresholds: [] } })).toEqual([
      'budgets.thresholds: Give at least one threshold, e.g. [1] to be told when the budget is spent.',
    ]);
    expect(issues({ budgets: { thresholds: [0.5, 0.5] } })).toEqual([
      'budgets.thresholds: Each threshold may appear only once.',
    ]);
    expect(parse({ budgets: { thresholds: [1, 0.5] } }).budgets.thresholds).toEqual([0.5, 1]);
    expect(issues({ autoTrip: { onPageAlert: 'yes' } })).toEqual([
      'autoTrip.onPageAlert: onPageAlert must be true or false.',
    ]);
    expect(issues({ slo: [] })).toEqual([': Unknown field: slo.']);
  });
});

describe('rows, diffs and edits', () => {
  const doc: SloDocument = canonicalDocument(parse(SPEC_EXAMPLE));

  it('round-trips every SLI through its stored row', () => {
    for (const slo of doc.slos) expect(rowToSlo(sloToRow(slo))).toEqual(slo);
    expect(sloToRow(doc.slos[0])).toEqual({
      name: 'fast-answers',
      sli: 'latency',
      config: { measure: 'total', thresholdMs: 30000 },
      objective: 0.99,
      windowDays: 28,
      environment: 'production',
    });
  });

  it('finds no change between a document and itself, whatever the key order', () => {
    const reordered = parse({
      autoTrip: SPEC_EXAMPLE.autoTrip,
      slos: SPEC_EXAMPLE.slos.map((s) => Object.fromEntries(Object.entries(s).reverse())),
      budgets: SPEC_EXAMPLE.budgets,
    });
    expect(diffSloDocuments(doc, reordered)).toEqual([]);
  });

  it('lists creates, updates, deletes, budget and auto-trip changes with before and after', () => {
    const next = parse({
      slos: [
        { ...SPEC_EXAMPLE.slos[0], objective: 0.999 },
        SPEC_EXAMPLE.slos[1],
        { name: 'ttft', sli: 'latency', measure: 'ttft', thresholdMs: 2000, objective: 0.9, window: '7d' },
      ],
      budgets: { dailyUsd: 60, monthlyUsd: 1200 },
      autoTrip: { onPageAlert: true },
    });
    const changes = diffSloDocuments(doc, next);
    expect(changes.map((c) => c.kind)).toEqual([
      'slo.update',
      'slo.create',
      'slo.delete',
      'slo.delete',
      'budgets.update',
      'autoTrip.update',
    ]);
    expect(changes.map(describeChange)).toEqual([
      '~ SLO fast-answers: objective 0.99 → 0.999',
      '+ SLO ttft: 90% of calls reach their first token in under 2.00 s over 7 days in production',
      '- SLO correct',
      '- SLO cheap',
      '~ budgets: dailyUsd 50 → 60',
      '~ autoTrip: onPageAlert false → true',
    ]);
  });

  it('describes each SLI in words', () => {
    expect(doc.slos.map(describeSlo)).toEqual([
      '99% of calls complete in under 30.0 s',
      '99.5% of calls succeed (any route that answers counts)',
      '95% of scored calls score at least 0.7',
      '99% of calls cost under $0.02',
    ]);
  });

  it('adds, renames in place and deletes SLOs for the forms, refusing a name that is taken', () => {
    const renamed = withSlo(doc, { ...doc.slos[1], name: 'available' }, 'up');
    expect(renamed.slos.map((s) => s.name)).toEqual(['fast-answers', 'available', 'correct', 'cheap']);
    expect(() => withSlo(doc, { ...doc.slos[1], name: 'cheap' }, 'up')).toThrow(
      expect.objectContaining({
        status: 400,
        fieldErrors: { 'slo.name': [expect.stringContaining('already has an SLO named "cheap"')] },
      }),
    );
    expect(() => withSlo(doc, doc.slos[0])).toThrow(expect.objectContaining({ status: 400 }));
    expect(withoutSlo(doc, 'up').slos).toHaveLength(3);
    expect(() => withoutSlo(doc, 'gone')).toThrow(expect.objectContaining({ status: 404 }));
  });
});

describe('the slo apply file', () => {
  it('reads YAML with the feature on top', () => {
    const file = parseSloFile(
      'feature: support-agent\nslos:\n  - { name: up, sli: availability, objective: 0.995, window: 30d }\n',
      'a.yaml',
    );
    expect(file.feature).toBe('support-agent');
    expect(file.slos[0]).toMatchObject({ name: 'up', countFallbackAsGood: true });
  });

  it('reads JSON too', () => {
    expect(parseSloFile(JSON.stringify({ feature: 'f', ...SPEC_EXAMPLE }, null, 2), 'a.json').slos).toHaveLength(4);
  });

  it('names the file, line, column and field of a schema error', () => {
    const text = [
      'feature: f',
      'slos:',
      '  - name: up',
      '    sli: availability',
      '    objective: 99',
      '    window: 30d',
      '    colour: red',
      '',
    ].join('\n');
    expect(() => parseSloFile(text, 'slo.yaml')).toThrow(
      expect.objectContaining({
        exitCode: 3,
        message: [
          'slo.yaml is not a valid SLO document; nothing was changed:',
          'slo.yaml:5:16: slos.0.objective: Write the objective as a fraction: 0.99 for 99%, not 99.',
          'slo.yaml:7:5: slos.0.colour: Unknown field: colour.',
        ].join('\n'),
      }),
    );
  });

  it('names the line of a syntax error and of a missing feature', () => {
    expect(() => parseSloFile('feature: f\nslos:\n  - name: a\n   sli: [\n', 'bad.yaml')).toThrow(
      expect.objectContaining({ exitCode: 3, message: expect.stringContaining('bad.yaml:4:1:') }),
    );
    expect(() => parseSloFile('{ "slos": [] }', 'x.json')).toThrow(
      expect.objectContaining({ message: expect.stringContaining('x.json:1:1: feature: Name the feature.') }),
    );
    expect(() => parseSloFile('{ "feature": "f", "slos": [ }', 'x.json')).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/x\.json:1:\d+: /) }),
    );
  });
});
