// The alert evaluator against real Postgres and a local webhook receiver: a known error ratio
// fires the page alert once (also under two concurrent rounds), it is delivered, it resolves when
// the errors stop and the slower ticket alert takes over; auto-trip policies kill the switch as the policy; budgets alert at thresholds.
// Rounds run at chosen times over the test's own features (the app's in-server evaluator is off
// in tests: SWITCHBOARD_ALERT_EVALUATOR=0 in support/global-setup.ts).
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alerts } from '@/db/schema';
import { sloFingerprint, budgetFingerprint } from '@/lib/alerts/candidates';
import { deliverDueWebhooks } from '@/lib/webhooks/deliver';
import type { WebhookPayload } from '@/lib/webhooks/payload';
import { insertWebhook, removeTestWebhooks } from '../support/alerts';
import { startLocalServer, until, type LocalServer } from '../support/local-server';
import {
  callsAt,
  evaluationRound,
  ingest,
  minutesAfter,
  putSloDocument,
  switchAudit,
  switchOf,
} from '../support/slo-traffic';
import { runCli } from '../support/cli';
import { createFeature } from '../support/switches';
import { testDatabase } from '../support/system';

let receiver: LocalServer;
beforeAll(async () => {
  receiver = await startLocalServer();
});
afterEach(removeTestWebhooks);
afterAll(async () => {
  await receiver?.close();
});

const messagesFor = (feature: string) =>
  receiver.requests
    .map((r) => JSON.parse(r.body) as WebhookPayload)
    .filter((m) => m.switchboard.alert.feature === feature);

async function alertRows(fingerprint: string) {
  return (await testDatabase()).db.select().from(alerts).where(eq(alerts.fingerprint, fingerprint)).orderBy(alerts.id);
}

async function deliverAt(now: Date) {
  await deliverDueWebhooks((await testDatabase()).db, { baseUrl: 'https://switchboard.example.com', now });
}

describe('the alert evaluator', () => {
  it('fires the page alert once under two concurrent rounds, delivers it, auto-trips, and resolves it when the errors stop', async () => {
    const feature = await createFeature('eval-page');
    await putSloDocument(feature, {
      slos: [{ name: 'up', sli: 'availability', objective: 0.99, window: '30d' }],
      autoTrip: { onPageAlert: true, onBudgetExhausted: false },
    });
    await insertWebhook(receiver.url, 'page');
    const t0 = new Date();
    // Half of the last minutes' calls fail: a 50× burn of a 99% SLO over every window up to 24 h.
    await ingest([
      ...callsAt(feature, minutesAfter(t0, -3), 20),
      ...callsAt(feature, minutesAfter(t0, -2), 20, { outcome: 'error', errorType: 'timeout' }),
    ]);

    const rounds = await Promise.all([evaluationRound(t0, [feature]), evaluationRound(t0, [feature])]);
    expect(rounds.some((r) => r.ran)).toBe(true);
    const page = sloFingerprint(feature, 'up', 'page');
    expect(rounds.flatMap((r) => r.opened).filter((o) => o.fingerprint === page)).toHaveLength(1);
    const [fired] = await alertRows(page);
    expect(await alertRows(page)).toHaveLength(1);
    expect(fired).toMatchObject({ state: 'firing', severity: 'page', kind: 'slo', startedAt: t0 });
    expect(fired.details).toMatchObject({
      slo: 'up',
      rules: 'page-1h,page-6h',
      objective: 0.99,
      autoTrip: `killed ${feature} (onPageAlert)`,
    });
    expect(Number((fired.details as Record<string, unknown>).burnRate)).toBeCloseTo(50, 6);

    // Auto-trip: killed by the policy, in the audit log as the policy, with the alert and its numbers.
    expect(await switchOf(feature)).toMatchObject({ killed: true, updatedBy: 'auto-trip policy' });
    const audit = await switchAudit(feature);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'policy:auto-trip',
      actorLabel: 'auto-trip policy',
      action: 'switch.flip',
      after: { killed: true },
    });
    expect(audit[0].reason).toContain(`alert #${fired.id}`);
    expect(audit[0].reason).toContain('50×');

    // A later round while it still burns keeps the one alert and flips nothing again.
    const again = await evaluationRound(minutesAfter(t0, 1), [feature]);
    expect(again.opened).toEqual([]);
    expect(again.trips).toEqual([]);
    expect(await switchAudit(feature)).toHaveLength(1);

    // The page alert stands for the ticket rules that fire too: no second alert for the same burn.
    expect(await alertRows(sloFingerprint(feature, 'up', 'ticket'))).toEqual([]);

    // Delivered to the receiver, saying it tripped the switch.
    await deliverAt(minutesAfter(t0, 1));
    await until(() => messagesFor(feature).length >= 1, 10_000, 'the firing message');
    const [firing] = messagesFor(feature);
    expect(firing.switchboard).toMatchObject({ event: 'firing', alert: { id: fired.id, severity: 'page' } });
    expect(firing.text).toContain('auto-trip: switch killed');

    // 35 minutes on, no errors in the short windows (5 m, 30 m): the page alert resolves and says so;
    // the 24 h / 2 h ticket rule still holds, so the ticket alert opens now (page webhooks do not get it).
    const later = minutesAfter(t0, 35);
    const quiet = await evaluationRound(later, [feature]);
    expect(quiet.resolved.map((r) => r.fingerprint)).toContain(page);
    expect(quiet.opened.map((o) => o.fingerprint)).toEqual([sloFingerprint(feature, 'up', 'ticket')]);
    expect(await alertRows(page)).toMatchObject([{ state: 'resolved', resolvedAt: later }]);
    expect(await alertRows(sloFingerprint(feature, 'up', 'ticket'))).toMatchObject([
      { state: 'firing', severity: 'ticket', startedAt: later },
    ]);
    await deliverAt(minutesAfter(t0, 36));
    await until(() => messagesFor(feature).length >= 2, 10_000, 'the resolved message');
    expect(messagesFor(feature).map((m) => [m.switchboard.event, m.switchboard.alert.severity])).toEqual([
      ['firing', 'page'],
      ['resolved', 'page'],
    ]);
  });

  it('does not trip a feature whose policy is off', async () => {
    const feature = await createFeature('eval-no-trip');
    await putSloDocument(feature, { slos: [{ name: 'up', sli: 'availability', objective: 0.99, window: '30d' }] });
    const t0 = new Date();
    await ingest(callsAt(feature, minutesAfter(t0, -2), 20, { outcome: 'error', errorType: 'timeout' }));
    const round = await evaluationRound(t0, [feature]);
    expect(round.opened.map((o) => o.fingerprint)).toContain(sloFingerprint(feature, 'up', 'page'));
    expect(round.trips).toEqual([]);
    expect(await switchOf(feature)).toBeNull();
  });

  it('alerts at the highest daily budget threshold crossed and trips the switch when the day’s budget is spent', async () => {
    const feature = await createFeature('eval-budget');
    await putSloDocument(feature, {
      budgets: { dailyUsd: 5, thresholds: [0.5, 1] },
      autoTrip: { onPageAlert: false, onBudgetExhausted: true },
    });
    const t0 = new Date();
    await ingest(callsAt(feature, minutesAfter(t0, -2), 4, { costUsd: 0.75 }));

    const half = await evaluationRound(t0, [feature]);
    expect(half.opened.map((o) => o.fingerprint)).toEqual([budgetFingerprint(feature, 'daily', 0.5)]);
    expect(half.trips).toEqual([]);
    const [ticket] = await alertRows(budgetFingerprint(feature, 'daily', 0.5));
    expect(ticket).toMatchObject({
      severity: 'ticket',
      details: { budgetKind: 'daily', actualUsd: 3, expectedUsd: 2.5, limitUsd: 5 },
    });

    await ingest(callsAt(feature, minutesAfter(t0, -1), 4, { costUsd: 0.75 }));
    const spent = await evaluationRound(new Date(), [feature]);
    expect(spent.opened.map((o) => o.fingerprint)).toEqual([budgetFingerprint(feature, 'daily', 1)]);
    expect(spent.resolved.map((o) => o.fingerprint)).toEqual([budgetFingerprint(feature, 'daily', 0.5)]); // superseded
    expect(spent.trips).toMatchObject([{ feature, policy: 'onBudgetExhausted', flipped: true }]);
    expect(await switchOf(feature)).toMatchObject({ killed: true, updatedBy: 'auto-trip policy' });
    expect((await switchAudit(feature))[0].reason).toContain('daily cost budget is spent');
    const firing = await (
      await testDatabase()
    ).db
      .select()
      .from(alerts)
      .where(and(eq(alerts.state, 'firing'), eq(alerts.kind, 'budget')));
    expect(firing.filter((a) => a.fingerprint.startsWith(`budget:${feature}:`)).map((a) => a.severity)).toEqual([
      'page',
    ]);
  });
});

describe('npx switchboard alerts evaluate', () => {
  it('runs one round for a feature and says what it did', async () => {
    const feature = await createFeature('eval-cli');
    await putSloDocument(feature, { slos: [{ name: 'up', sli: 'availability', objective: 0.99, window: '30d' }] });
    await ingest(callsAt(feature, minutesAfter(new Date(), -2), 20, { outcome: 'error', errorType: 'timeout' }));
    const res = await runCli(['alerts', 'evaluate', '--once', '--feature', feature]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Evaluated 1 feature: 1 alert condition firing, 1 opened, 0 resolved/);
    expect((await alertRows(sloFingerprint(feature, 'up', 'page'))).map((a) => a.state)).toEqual(['firing']);
    expect((await runCli(['alerts', 'evaluate', '--once', '--loop'])).code).toBe(2);
  });
});
