// The demo traffic generator's pure parts: the steady mix, the status line, the chaos schedule.
import { describe, expect, it } from 'vitest';
import { TRAFFIC_FEATURES, TRAFFIC_MODELS } from '@/lib/demo-traffic/catalog';
import { BASELINE_FAULTS, CHAOS_SCHEDULE, chaosPhaseAt, layerFaults } from '@/lib/demo-traffic/chaos';
import { dueAt, weightedRoundRobin } from '@/lib/demo-traffic/mix';
import { StatusBoard } from '@/lib/demo-traffic/status';
import { FaultUpdateSchema } from '@/lib/mock-provider';
import { sampleBody } from '@/lib/demo/bodies';
import { createRng } from '@/lib/demo/prng';

describe('the mix', () => {
  it('picks features in proportion to their weights, evenly spread', () => {
    const next = weightedRoundRobin([
      { key: 'a', weight: 3 },
      { key: 'b', weight: 1 },
    ]);
    const picks = Array.from({ length: 8 }, () => next().key).join('');
    expect(picks).toBe('aabaaaba');
  });

  it('gives every catalog feature its share', () => {
    const next = weightedRoundRobin(TRAFFIC_FEATURES);
    const tally: Record<string, number> = {};
    for (let i = 0; i < 270; i++) {
      const key = next().key;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    expect(tally).toEqual({ 'support-agent': 90, moderation: 90, 'entitlement-check': 60, summarizer: 30 });
  });

  it('refuses weights that are not positive', () => {
    expect(() => weightedRoundRobin([{ weight: 0 }])).toThrow(/positive weight/);
    expect(() => weightedRoundRobin([])).toThrow();
  });

  it('spaces calls evenly without drift', () => {
    expect([0, 1, 2, 50].map((n) => dueAt(n, 5))).toEqual([0, 200, 400, 10_000]);
    expect(dueAt(3, 0.5)).toBe(6_000);
  });
});

describe('the status line', () => {
  it('shows calls/s per feature with the route mix, then starts a new second', () => {
    const board = new StatusBoard(['support-agent', 'moderation']);
    board.record('support-agent', 'primary');
    board.record('support-agent', 'killed');
    board.record('support-agent', 'killed');
    board.record('moderation', 'error');
    const line = board.line(1000, new Date('2026-11-27T10:00:01Z'), 'in flight 3');
    expect(line).toBe(
      '10:00:01  4.0 calls/s │ support-agent 3.0/s (primary 1, killed 2) │ moderation 1.0/s (error 1) │ in flight 3',
    );
    expect(board.line(2000, new Date('2026-11-27T10:00:03Z'))).toBe(
      '10:00:03  0.0 calls/s │ support-agent 0.0/s │ moderation 0.0/s',
    );
    expect(board.summary()).toEqual({ primary: 1, fallback: 0, cache: 0, rule: 0, killed: 2, error: 1 });
  });
});

describe('chaos', () => {
  it('walks the schedule and repeats it', () => {
    const cycle = CHAOS_SCHEDULE.reduce((s, p) => s + p.durationMs, 0);
    expect(chaosPhaseAt(0).name).toBe('calm');
    expect(chaosPhaseAt(20_000).name).toBe('429 storm on gpt-4o');
    expect(chaosPhaseAt(49_999).name).toBe('429 storm on gpt-4o');
    expect(chaosPhaseAt(50_000).name).toBe('calm');
    expect(chaosPhaseAt(cycle + 20_000).name).toBe('429 storm on gpt-4o');
    expect(chaosPhaseAt(cycle - 1)).toBe(CHAOS_SCHEDULE.at(-1));
  });

  it('layers a phase over the baseline so that a global slowdown beats per-model latency', () => {
    const slow = CHAOS_SCHEDULE.find((p) => p.name.startsWith('slow'))!;
    const layered = layerFaults(BASELINE_FAULTS, slow.faults);
    expect(layered.models['gpt-4o']).toMatchObject({ latencyMs: 1_500, chunkIntervalMs: 20 });
    const storm = layerFaults(BASELINE_FAULTS, CHAOS_SCHEDULE[1].faults);
    expect(storm.models['gpt-4o']).toMatchObject({ rate429: 0.9, latencyMs: 250 });
    expect(storm.models['gpt-4o-mini'].rate429).toBeUndefined();
  });

  it('sends only fault specs the mock provider accepts, for models the catalog calls', () => {
    for (const phase of CHAOS_SCHEDULE) {
      expect(FaultUpdateSchema.safeParse(layerFaults(BASELINE_FAULTS, phase.faults)).success).toBe(true);
      for (const model of Object.keys(phase.faults.models ?? {})) expect(TRAFFIC_MODELS).toContain(model);
    }
  });
});

describe('the catalog', () => {
  it('gives every feature a rule, so a killed feature still answers', () => {
    for (const feature of TRAFFIC_FEATURES) {
      expect(feature.rule, feature.key).toBeDefined();
      const answer = feature.rule!.answer(sampleBody(feature.key, createRng(1), { answered: true }));
      expect(answer.length, feature.key).toBeGreaterThan(5);
      if (feature.json) expect(() => JSON.parse(answer)).not.toThrow();
    }
  });
});
