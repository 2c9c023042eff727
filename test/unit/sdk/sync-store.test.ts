import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSwitchFile, SwitchFileWriter } from '@/lib/sdk/switches/persist';
import { SwitchStore, type SwitchFlip } from '@/lib/sdk/switches/switch-store';
import type { SwitchState } from '@/lib/sdk/types';

const state = (feature: string, killed: boolean, extra: Partial<SwitchState> = {}): SwitchState => ({
  feature,
  killed,
  reason: killed ? 'incident' : null,
  updatedAt: null,
  updatedBy: null,
  ...extra,
});
const flip = (feature: string, killed: boolean, version: number): SwitchFlip => ({
  ...state(feature, killed),
  updatedAt: new Date(version * 1000).toISOString(),
  updatedBy: 'ops',
  version,
});

describe('the switch store', () => {
  it('answers the configured default for a feature never seen, and is stale until the first snapshot', () => {
    const store = new SwitchStore();
    expect(store.isKilled('never-seen')).toBe(false);
    expect(store.get('never-seen')).toBeUndefined();
    expect(new SwitchStore(true).isKilled('never-seen')).toBe(true);
    expect(store.stale).toBe(true);
  });

  it('applies snapshots and flips in version order, ignoring older ones', () => {
    const store = new SwitchStore();
    const changes: string[][] = [];
    store.onChange((changed) => changes.push(changed.map((s) => `${s.feature}=${s.killed}`)));
    expect(store.applySnapshot({ version: 5, switches: [state('a', false), state('b', true)] })).toBe(true);
    expect(store.isKilled('b')).toBe(true);
    // Already in the snapshot.
    expect(store.applyFlip(flip('a', true, 4))).toBe(false);
    expect(store.applyFlip(flip('a', true, 6))).toBe(true);
    // An older flip of the same feature arriving late.
    expect(store.applyFlip(flip('a', false, 5))).toBe(false);
    expect(store.isKilled('a')).toBe(true);
    // A poll answered by a lagging instance: older than what we hold.
    expect(store.applySnapshot({ version: 3, switches: [state('a', false), state('b', false)] })).toBe(false);
    expect(store.isKilled('b')).toBe(true);
    // A snapshot at version 5 read before flip 6 committed keeps the newer flip.
    expect(
      store.applySnapshot({ version: 5, switches: [state('a', false), state('b', true), state('c', false)] }),
    ).toBe(true);
    expect(store.isKilled('a')).toBe(true);
    expect(store.get('c')).toBeDefined();
    expect(
      store.applySnapshot({ version: 7, switches: [state('a', false), state('b', true), state('c', false)] }),
    ).toBe(true);
    expect(store.isKilled('a')).toBe(false);
    expect(store.version).toBe(7);
    expect(changes).toEqual([['a=false', 'b=true'], ['a=true'], ['c=false'], ['a=false']]);
  });

  it('tells listeners about stale changes only when it changes, and unsubscribes', () => {
    const store = new SwitchStore();
    const seen: boolean[] = [];
    const stop = store.onStaleChange((s) => seen.push(s));
    store.onStaleChange(() => {
      throw new Error('a broken listener does not stop the others');
    });
    store.setStale(false);
    store.setStale(false);
    store.setStale(true);
    stop();
    store.setStale(false);
    expect(seen).toEqual([false, true]);
  });
});

describe('the switch file', () => {
  it('round-trips the document through an atomic write, and reads nothing from a missing or broken file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-switch-file-'));
    const file = path.join(dir, 'switches.json');
    try {
      expect(readSwitchFile(file)).toBeNull();
      const errors: unknown[] = [];
      const writer = new SwitchFileWriter(file, (e) => errors.push(e));
      const doc = { version: 9, switches: [state('a', true, { updatedBy: 'ops' }), state('b', false)] };
      void writer.save({ version: 8, switches: [] });
      void writer.save(doc);
      await writer.idle();
      expect(errors).toEqual([]);
      expect(readSwitchFile(file)).toEqual(doc);
      expect(fs.readdirSync(dir)).toEqual(['switches.json']);
      const store = new SwitchStore();
      store.applySnapshot(readSwitchFile(file)!);
      expect(store.isKilled('a')).toBe(true);
      fs.writeFileSync(file, '{"version": 1, "switc');
      expect(readSwitchFile(file)).toBeNull();
      new SwitchFileWriter(path.join(dir, 'missing', 'x.json'), (e) => errors.push(e)).save(doc);
      await new Promise((r) => setTimeout(r, 50));
      expect(errors).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
