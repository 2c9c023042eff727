// applyAlertTransitions against real Postgres: opened once under concurrent evaluators,
// resolved once, and one delivery queued per webhook whose minimum severity admits the alert.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { alerts } from '@/db/schema';
import { listStoredFiringAlerts } from '@/db/queries/alerts';
import { applyAlertTransitions } from '@/lib/alerts/apply';
import { alertCandidate, deliveriesOf, future, insertWebhook, removeTestWebhooks } from '../support/alerts';
import { createFeature } from '../support/switches';
import { testDatabase } from '../support/system';

describe('applyAlertTransitions', () => {
  afterEach(removeTestWebhooks);

  it('opens an alert once when two instances apply the same plan at the same moment', async () => {
    const { db } = await testDatabase();
    const feature = await createFeature('apply-race');
    const hook = await insertWebhook('http://127.0.0.1:9/never', 'ticket');
    const candidate = alertCandidate(feature);
    const now = future(30);
    const plan = { open: [candidate], resolve: [], keep: [] };

    const results = await Promise.all([
      applyAlertTransitions(db, { plan, now }),
      applyAlertTransitions(db, { plan, now }),
    ]);

    expect(results.map((r) => r.opened.length).sort()).toEqual([0, 1]);
    const rows = await db.select().from(alerts).where(eq(alerts.fingerprint, candidate.fingerprint));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      state: 'firing',
      severity: 'page',
      kind: 'slo',
      title: candidate.summary,
      details: candidate.values,
      startedAt: now,
    });
    const winner = results.find((r) => r.opened.length === 1)!;
    expect(winner.opened[0]).toMatchObject({ id: rows[0].id, fingerprint: candidate.fingerprint });
    expect((await deliveriesOf(hook)).map((d) => [d.alertId, d.event])).toEqual([[rows[0].id, 'firing']]);
  });

  it('resolves a firing alert once, and opens the same condition again as a new alert later', async () => {
    const { db } = await testDatabase();
    const feature = await createFeature('apply-resolve');
    const hook = await insertWebhook('http://127.0.0.1:9/never', 'page');
    const candidate = alertCandidate(feature);
    const t0 = future(31);
    await applyAlertTransitions(db, { plan: { open: [candidate], resolve: [], keep: [] }, now: t0 });
    const stored = (await listStoredFiringAlerts(db)).filter((a) => a.feature === feature);
    expect(stored).toHaveLength(1);

    const t1 = future(31, 600_000);
    const plan = { open: [], resolve: stored, keep: [] };
    const results = await Promise.all([
      applyAlertTransitions(db, { plan, now: t1 }),
      applyAlertTransitions(db, { plan, now: t1 }),
    ]);
    expect(results.map((r) => r.resolved.length).sort()).toEqual([0, 1]);
    const [row] = await db
      .select()
      .from(alerts)
      .where(eq(alerts.id, Number(stored[0].id)));
    expect(row).toMatchObject({ state: 'resolved', resolvedAt: t1, startedAt: t0 });

    const again = await applyAlertTransitions(db, {
      plan: { open: [candidate], resolve: [], keep: [] },
      now: future(31, 900_000),
    });
    expect(again.opened).toHaveLength(1);
    expect(again.opened[0].id).not.toBe(row.id);
    const all = await db.select().from(alerts).where(eq(alerts.fingerprint, candidate.fingerprint));
    expect(all.map((a) => a.state).sort()).toEqual(['firing', 'resolved']);
    expect((await deliveriesOf(hook)).map((d) => d.event)).toEqual(['firing', 'resolved', 'firing']);
  });

  it('queues a delivery per enabled webhook whose minimum severity admits the alert', async () => {
    const { db } = await testDatabase();
    const feature = await createFeature('apply-severity');
    const pageOnly = await insertWebhook('http://127.0.0.1:9/page', 'page');
    const tickets = await insertWebhook('http://127.0.0.1:9/ticket', 'ticket');
    const everything = await insertWebhook('http://127.0.0.1:9/info', 'info');
    const disabled = await insertWebhook('http://127.0.0.1:9/off', 'info', false);
    const page = alertCandidate(feature, { severity: 'page' });
    const ticket = alertCandidate(feature, { severity: 'ticket', kind: 'budget' });
    const now = future(32);

    const applied = await applyAlertTransitions(db, { plan: { open: [page, ticket], resolve: [], keep: [] }, now });
    expect(applied.opened.map((a) => a.severity).sort()).toEqual(['page', 'ticket']);
    const idOf = (c: typeof page) => applied.opened.find((a) => a.fingerprint === c.fingerprint)!.id;
    const alertIds = async (hook: number) => (await deliveriesOf(hook)).map((d) => d.alertId).sort();
    expect(await alertIds(pageOnly)).toEqual([idOf(page)]);
    expect(await alertIds(tickets)).toEqual([idOf(page), idOf(ticket)].sort());
    expect(await alertIds(everything)).toEqual([idOf(page), idOf(ticket)].sort());
    expect(await alertIds(disabled)).toEqual([]);
    const [first] = await deliveriesOf(tickets);
    expect(first).toMatchObject({ attempts: 0, nextAttemptAt: now, deliveredAt: null, failedAt: null });
  });

  it('skips a candidate whose fingerprint already fires, and stores nothing when a statement fails', async () => {
    const { db } = await testDatabase();
    const feature = await createFeature('apply-atomic');
    const existing = alertCandidate(feature);
    await applyAlertTransitions(db, { plan: { open: [existing], resolve: [], keep: [] }, now: future(33) });
    const again = await applyAlertTransitions(db, {
      plan: { open: [existing], resolve: [], keep: [] },
      now: future(33, 60_000),
    });
    expect(again.opened).toEqual([]);

    // The resolve (after the insert) fails on a bad id: the insert is rolled back with it.
    const fresh = alertCandidate(feature);
    const badResolve = [{ id: 'not-a-number', fingerprint: 'x', feature }];
    await expect(
      applyAlertTransitions(db, { plan: { open: [fresh], resolve: badResolve, keep: [] }, now: future(33, 120_000) }),
    ).rejects.toThrow();
    expect(await db.select().from(alerts).where(eq(alerts.fingerprint, fresh.fingerprint))).toEqual([]);
  });
});
