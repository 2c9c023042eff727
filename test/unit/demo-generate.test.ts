import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, type DemoData } from '@/lib/demo/generate';
import { DEMO_FEATURES } from '@/lib/demo/profiles';
import type { CallRecord } from '@/lib/sdk/types';

const NOW = new Date('2026-03-18T10:25:00Z'); // a Wednesday
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const inWindow = (calls: CallRecord[], feature: string, from: number, to: number) =>
  calls.filter(
    (c) =>
      c.feature === feature &&
      c.environment === 'production' &&
      Date.parse(c.timestamp) >= from &&
      Date.parse(c.timestamp) < to,
  );

// Generating a month of traffic takes a few seconds on a busy 2-core machine: allow for it.
describe('the demo month', { timeout: 30_000 }, () => {
  let data: DemoData;
  beforeAll(() => {
    data = generateDemoData({ now: NOW });
  }, 30_000);

  it('is the same on every run for the same seed and time, and different for another seed', () => {
    const again = generateDemoData({ now: NOW, scale: 0.2 });
    const same = generateDemoData({ now: NOW, scale: 0.2 });
    expect(same.calls).toEqual(again.calls);
    const other = generateDemoData({ now: NOW, scale: 0.2, seed: 7 });
    expect(other.calls[0].id).not.toBe(again.calls[0].id);
  });

  it('has a month of traffic for every demo feature, mostly production, within the window', () => {
    const { calls } = data;
    expect(calls.length).toBeGreaterThan(50_000);
    expect(calls.length).toBeLessThan(150_000);
    for (const f of DEMO_FEATURES) expect(calls.some((c) => c.feature === f.key)).toBe(true);
    const outside = calls.filter(
      (c) => Date.parse(c.timestamp) < NOW.getTime() - 30 * DAY || Date.parse(c.timestamp) > NOW.getTime(),
    );
    expect(outside).toEqual([]);
    const staging = calls.filter((c) => c.environment === 'staging').length / calls.length;
    expect(staging).toBeGreaterThan(0.02);
    expect(staging).toBeLessThan(0.15);
    expect(new Set(calls.map((c) => c.id)).size).toBe(calls.length);
    expect(calls.every((c) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(c.id))).toBe(
      true,
    );
  });

  it('follows a daily rhythm: afternoons busier than nights', () => {
    const byHour = new Array(24).fill(0);
    for (const c of data.calls) byHour[new Date(c.timestamp).getUTCHours()]++;
    expect(byHour[15]).toBeGreaterThan(2.5 * byHour[3]);
  });

  it('includes the outage: errors and fallbacks rise, then the switch serves', () => {
    const { outage } = data.scenario;
    const during = inWindow(data.calls, outage.feature, outage.from.getTime(), outage.killedAt.getTime());
    const weekBefore = inWindow(
      data.calls,
      outage.feature,
      outage.from.getTime() - 7 * DAY,
      outage.killedAt.getTime() - 7 * DAY,
    );
    const troubled = (cs: CallRecord[]) =>
      cs.filter((c) => c.outcome === 'error' || c.route !== 'primary').length / cs.length;
    expect(during.length).toBeGreaterThan(10);
    expect(troubled(during)).toBeGreaterThan(0.5);
    expect(troubled(weekBefore)).toBeLessThan(0.1);
    expect(during.some((c) => c.errorType === 'timeout')).toBe(true);
    expect(during.some((c) => c.route === 'fallback')).toBe(true);
    const killed = inWindow(data.calls, outage.feature, outage.killedAt.getTime(), outage.restoredAt.getTime());
    expect(killed.length).toBeGreaterThan(0);
    expect(killed.every((c) => c.route === 'killed' && c.costUsd === 0)).toBe(true);
  });

  it('includes the cost spike: one day of several times the tokens', () => {
    const { costSpike } = data.scenario;
    const tokens = (cs: CallRecord[]) => cs.reduce((n, c) => n + (c.inputTokens ?? 0), 0);
    const spike = inWindow(data.calls, costSpike.feature, costSpike.from.getTime(), costSpike.to.getTime());
    const before = inWindow(
      data.calls,
      costSpike.feature,
      costSpike.from.getTime() - 7 * DAY,
      costSpike.to.getTime() - 7 * DAY,
    );
    expect(tokens(spike)).toBeGreaterThan(3 * tokens(before));
    expect(spike.every((c) => c.release === costSpike.release)).toBe(true);
  });

  it('ends with one feature killed, every call since the flip served by its fallback', () => {
    const { currentKill, switchEvents } = data.scenario;
    const since = inWindow(data.calls, currentKill.feature, currentKill.at.getTime(), NOW.getTime() + 1);
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((c) => c.route === 'killed')).toBe(true);
    const history = switchEvents.filter((e) => e.feature === currentKill.feature).map((e) => e.killed);
    expect(history).toEqual([true, false, true]);
  });

  it('gives a sample of calls bodies, some with personal data for redaction to show', () => {
    const withBodies = data.calls.filter((c) => c.prompt !== undefined);
    expect(withBodies.length).toBeGreaterThan(1000);
    expect(withBodies.length).toBeLessThan(data.calls.length * 0.1);
    expect(withBodies.some((c) => /[\w.]+@example\.(com|net|org)/.test(JSON.stringify(c.prompt)))).toBe(true);
    expect(data.calls.some((c) => c.score !== undefined)).toBe(true);
    expect(data.calls.some((c) => c.ttftMs !== undefined && c.ttftMs < c.latencyMs)).toBe(true);
  });
});
