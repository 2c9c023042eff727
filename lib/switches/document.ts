// The switch set as the API, the stream and the SDK see it: one document with one version.
import { createHash } from 'node:crypto';
import type { Db } from '@/db';
import { listSwitches, type SwitchRow } from '@/db/queries/switches';
// The SDK defines the contract it reads; the server writes exactly that (lib/sdk imports nothing back).
import type { SwitchDocument, SwitchState } from '@/lib/sdk/types';

export type { SwitchDocument, SwitchState };

export const SWITCH_CHANNEL = 'switchboard_switches';

export interface VersionedSwitchState extends SwitchState {
  /** 0 when the switch has never been flipped. */
  version: number;
}

/** One flip as the stream and the NOTIFY channel carry it. */
export interface SwitchEvent extends VersionedSwitchState {
  updatedAt: string;
}

export function toSwitchState(row: SwitchRow): VersionedSwitchState {
  return {
    version: row.version,
    feature: row.feature,
    killed: row.killed,
    reason: row.reason,
    updatedAt: row.updatedAt ? row.updatedAt.toISOString() : null,
    updatedBy: row.updatedBy,
  };
}

/** The public document, without the per-switch versions the stream keeps for itself. */
export function toSwitchDocument(states: readonly VersionedSwitchState[]): SwitchDocument {
  return {
    version: states.reduce((max, s) => Math.max(max, s.version), 0),
    switches: states.map(({ version: _version, ...state }) => state),
  };
}

/** Every feature's switch, with versions, ordered by feature key. */
export async function readSwitchStates(db: Db): Promise<VersionedSwitchState[]> {
  return (await listSwitches(db)).map(toSwitchState);
}

/**
 * A strong ETag for the exact bytes of the document. The version alone is not enough: a feature
 * seen for the first time changes the document without a flip.
 */
export function switchDocumentEtag(body: string, version: number): string {
  const digest = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return `"v${version}-${digest}"`;
}

/**
 * Each feature's latest version: an event is passed on only when it is newer than what the
 * receiver already has, so a snapshot, a catch-up read and a live notification never repeat
 * or roll back one another, whatever order they arrive in.
 */
export class SwitchVersions {
  private readonly latest = new Map<string, number>();

  constructor(states: Iterable<VersionedSwitchState> = []) {
    for (const s of states) this.latest.set(s.feature, s.version);
  }

  /** Records the event and returns true when it is news. */
  accept(event: { feature: string; version: number }): boolean {
    if (event.version <= (this.latest.get(event.feature) ?? 0)) return false;
    this.latest.set(event.feature, event.version);
    return true;
  }
}
