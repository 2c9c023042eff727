import { describe, expect, it } from 'vitest';
import {
  budgetAlertCandidates,
  budgetFingerprint,
  sloAlertCandidates,
  sloFingerprint,
  spikeAlertCandidates,
  spikeFingerprint,
  type AlertCandidate,
} from '@/lib/alerts/candidates';
import { planAlertTransitions } from '@/lib/alerts/transitions';
import { budgetUsage } from '@/lib/budgets/usage';
import { detectCostSpike } from '@/lib/budgets/spike';
import { windowCountsFromBuckets } from '@/lib/slo/counts';
import { evaluateSlo } from '@/lib/slo/evaluate';
import { DAY, MIN, hourlyCost, sliSeries } from '../support/series';

const now = new Date('2026-03-31T12:00:00Z');
const outage = sliSeries({
  from: new Date(now.getTime() - 30 * DAY),
  to: now,
  stepMs: MIN,
  perBucket: 100,
  badRatio: (t) => (t.getTime() >= now.getTime() - 10 * MIN ? 1 : 0),
});
const burning = evaluateSlo({ objective: 0.999, window: '30d', counts: windowCountsFromBuckets(outage, now, '30d') });
// The same 10-minute outage, ended 40 minutes ago: the page rules' short windows (5 m, 30 m) are clean, the 24 h ticket rule still holds.
const ended = sliSeries({
  from: new Date(now.getTime() - 30 * DAY),
  to: now,
  stepMs: MIN,
  perBucket: 100,
  badRatio: (t) => (t.getTime() >= now.getTime() - 50 * MIN && t.getTime() < now.getTime() - 40 * MIN ? 1 : 0),
});
const calming = evaluateSlo({ objective: 0.999, window: '30d', counts: windowCountsFromBuckets(ended, now, '30d') });

const candidate = (fingerprint: string, feature = 'support-agent'): AlertCandidate => ({
  fingerprint,
  feature,
  kind: 'slo',
  severity: 'page',
  summary: fingerprint,
  values: {},
});

describe('alert candidates', () => {
  it('one per SLO at its worst firing severity (a page stands for the ticket rules too), with stable fingerprints and the numbers', () => {
    expect(burning.firing.map((f) => f.severity)).toEqual(['page', 'ticket']);
    const list = sloAlertCandidates('support-agent', 'up', burning);
    expect(list.map((c) => [c.fingerprint, c.severity])).toEqual([['slo:support-agent:up:page', 'page']]);
    // The recorded burn rate and threshold are one rule's (the fastest firing, page-1h), named by its window, as in the sentence.
    expect(list[0].values).toMatchObject({
      slo: 'up',
      rules: 'page-1h,page-6h',
      burnWindow: '1h',
      threshold: 14.4,
      objective: 0.999,
    });
    expect(list[0].values.burnRate).toBeCloseTo(166.67, 2);
    expect(list[0].summary).toContain('167× over 1h and 1000× over 5m (threshold 14.4×)');
    expect(list[0].summary).toMatch(/30d error budget left: [\d.]+%$/);
    expect(sloAlertCandidates('support-agent', 'up', burning).map((c) => c.fingerprint)).toEqual(
      list.map((c) => c.fingerprint),
    );
    // Names with separators cannot collide.
    expect(sloFingerprint('a:b', 'c', 'page')).not.toBe(sloFingerprint('a', 'b:c', 'page'));
  });

  it("once the page rules stop, the ticket rule that still holds is the SLO's alert", () => {
    expect(calming.firing.map((f) => f.severity)).toEqual(['ticket']);
    const list = sloAlertCandidates('support-agent', 'up', calming);
    expect(list.map((c) => [c.fingerprint, c.severity])).toEqual([['slo:support-agent:up:ticket', 'ticket']]);
    expect(list[0].values).toMatchObject({ rules: 'ticket-24h,ticket-3d', burnWindow: '24h', threshold: 3 });
    const plan = planAlertTransitions({
      firing: list,
      stored: [{ id: 1, fingerprint: 'slo:support-agent:up:page', feature: 'support-agent' }],
      evaluatedFeatures: ['support-agent'],
    });
    expect(plan.resolve.map((a) => a.id)).toEqual([1]);
    expect(plan.open.map((c) => c.fingerprint)).toEqual(['slo:support-agent:up:ticket']);
  });

  it('one per budget, at its highest crossed threshold, stating expected and actual; the whole budget pages', () => {
    const usage = budgetUsage({ kind: 'daily', spentUsd: 52, limitUsd: 50, from: now, to: now });
    expect(usage.crossed).toEqual([0.5, 0.8, 1]);
    const list = budgetAlertCandidates('moderation', usage);
    expect(list.map((c) => [c.fingerprint, c.severity])).toEqual([['budget:moderation:daily:1', 'page']]);
    expect(list[0].values).toMatchObject({ actualUsd: 52, expectedUsd: 50, limitUsd: 50 });
    expect(list[0].summary).toBe('moderation: daily spend $52.00 reached 100% of the $50.00 budget (threshold $50.00)');
    expect(budgetFingerprint('moderation', 'monthly', 0.8)).toBe('budget:moderation:monthly:0.8');
    expect(
      budgetAlertCandidates(
        'moderation',
        budgetUsage({ kind: 'daily', spentUsd: 20, limitUsd: 50, from: now, to: now }),
      ),
    ).toEqual([]);
  });

  it('crossing a higher budget threshold supersedes the lower one: the 50% alert resolves as the 80% one opens', () => {
    const at80 = budgetAlertCandidates(
      'summarizer',
      budgetUsage({ kind: 'monthly', spentUsd: 186.3, limitUsd: 200, from: now, to: now }),
    );
    expect(at80.map((c) => [c.fingerprint, c.severity])).toEqual([['budget:summarizer:monthly:0.8', 'ticket']]);
    const plan = planAlertTransitions({
      firing: at80,
      stored: [{ id: 4, fingerprint: 'budget:summarizer:monthly:0.5', feature: 'summarizer' }],
      evaluatedFeatures: ['summarizer'],
    });
    expect(plan.resolve.map((a) => a.id)).toEqual([4]);
    expect(plan.open.map((c) => c.fingerprint)).toEqual(['budget:summarizer:monthly:0.8']);
  });

  it('a spike states expected and actual; no spike, no candidate', () => {
    const hour = new Date('2026-03-31T11:00:00Z');
    const buckets = hourlyCost(new Date(hour.getTime() - 8 * DAY), new Date(hour.getTime() + 3_600_000), (t) =>
      t >= hour ? 9 : 2,
    );
    const [c] = spikeAlertCandidates('support-agent', detectCostSpike({ buckets, now }));
    expect(c).toMatchObject({
      fingerprint: spikeFingerprint('support-agent'),
      kind: 'spike',
      values: { actualUsd: 9, expectedUsd: 2, thresholdUsd: 3 },
    });
    expect(c.summary).toBe(
      'support-agent: spent $9.00 in the hour from 2026-03-31T11:00:00.000Z, expected $2.00 (alert above $3.00)',
    );
    expect(spikeAlertCandidates('support-agent', detectCostSpike({ buckets: buckets.slice(0, -1), now }))).toEqual([]);
  });
});

describe('planAlertTransitions', () => {
  it('opens what newly fires, keeps what still fires, resolves what stopped', () => {
    const plan = planAlertTransitions({
      firing: [candidate('slo:support-agent:up:page'), candidate('slo:support-agent:up:ticket')],
      stored: [
        { id: 1, fingerprint: 'slo:support-agent:up:page', feature: 'support-agent' },
        { id: 2, fingerprint: 'budget:support-agent:daily:0.5', feature: 'support-agent' },
      ],
      evaluatedFeatures: ['support-agent'],
    });
    expect(plan.open.map((c) => c.fingerprint)).toEqual(['slo:support-agent:up:ticket']);
    expect(plan.keep.map((k) => [k.alert.id, k.candidate.fingerprint])).toEqual([[1, 'slo:support-agent:up:page']]);
    expect(plan.resolve.map((a) => a.id)).toEqual([2]);
  });

  it('dedupes: the same fingerprint twice opens once; a duplicate stored alert resolves', () => {
    const plan = planAlertTransitions({
      firing: [
        candidate('spike:moderation:cost', 'moderation'),
        candidate('spike:moderation:cost', 'moderation'),
        candidate('slo:moderation:x:page', 'moderation'),
      ],
      stored: [
        { id: 7, fingerprint: 'slo:moderation:x:page', feature: 'moderation' },
        { id: 8, fingerprint: 'slo:moderation:x:page', feature: 'moderation' },
      ],
      evaluatedFeatures: [],
    });
    expect(plan.open.map((c) => c.fingerprint)).toEqual(['spike:moderation:cost']);
    expect(plan.keep.map((k) => k.alert.id)).toEqual([7]);
    expect(plan.resolve.map((a) => a.id)).toEqual([8]);
  });

  it('leaves alerts of features not evaluated alone; an evaluated feature with nothing firing resolves all', () => {
    const stored = [
      { id: 1, fingerprint: 'slo:a:up:page', feature: 'a' },
      { id: 2, fingerprint: 'slo:b:up:page', feature: 'b' },
    ];
    const plan = planAlertTransitions({ firing: [], stored, evaluatedFeatures: ['a'] });
    expect(plan).toEqual({ open: [], keep: [], resolve: [stored[0]] });
  });

  it('a steady state is idempotent: the next round opens nothing', () => {
    const firing = sloAlertCandidates('support-agent', 'up', burning);
    const first = planAlertTransitions({ firing, stored: [], evaluatedFeatures: ['support-agent'] });
    const stored = first.open.map((c, i) => ({ id: i, fingerprint: c.fingerprint, feature: c.feature }));
    const second = planAlertTransitions({
      firing: sloAlertCandidates('support-agent', 'up', burning),
      stored,
      evaluatedFeatures: ['support-agent'],
    });
    expect(second.open).toEqual([]);
    expect(second.resolve).toEqual([]);
    expect(second.keep).toHaveLength(1);
  });
});
